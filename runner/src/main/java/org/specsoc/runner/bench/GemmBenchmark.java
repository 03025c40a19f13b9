package org.specsoc.runner.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.compute.GemmLayout;

/**
 * {@code specsoc bench --only gemm}: GFLOP/s of every GEMM shape of the paper's networks at the configured batch.
 * Forward products carry their bias and ReLU epilogue, as in training; gradients are plain products.
 *
 * <p>Each repetition times enough back-to-back calls to last about {@value #REPETITION_NANOS} ns; the figure is
 * the median repetition, after a warm-up of at least {@value #WARMUP_NANOS} ns that lets the JIT compile the
 * kernels.
 */
public final class GemmBenchmark implements Benchmark {
    static final long REPETITION_NANOS = 100_000_000L;
    static final long WARMUP_NANOS = 300_000_000L;

    @Override
    public String name() {
        return "gemm";
    }

    @Override
    public List<Measurement> run(ComputeBackend backend, BenchOptions options) {
        var out = new ArrayList<Measurement>();
        for (GemmShape shape : GemmShape.paper(options.batch(), options.bands(), options.hidden(), options.latent())) {
            out.add(measure(backend, shape, options));
        }
        return out;
    }

    static Measurement measure(ComputeBackend backend, GemmShape s, BenchOptions options) {
        Buffer a = s.layout() == GemmLayout.TN ? backend.allocate(s.k(), s.m()) : backend.allocate(s.m(), s.k());
        Buffer b = s.layout() == GemmLayout.NT ? backend.allocate(s.n(), s.k()) : backend.allocate(s.k(), s.n());
        Buffer c = backend.allocate(s.m(), s.n());
        boolean forward = s.layout() == GemmLayout.NN;
        Buffer bias = forward ? backend.allocate(1, s.n()) : null;
        Activation act = forward ? Activation.RELU : Activation.IDENTITY;
        try {
            backend.uniform(a, -1, 1, 1);
            backend.uniform(b, -0.05f, 0.05f, 2);
            if (bias != null) {
                backend.uniform(bias, -0.05f, 0.05f, 3);
            }
            Runnable call = () -> backend.gemm(s.layout(), a, b, c, bias, act, false);
            // by time as well as by count: a shape whose edge paths the JIT has not yet compiled needs more than
            // a few milliseconds of calls before it runs at its steady speed, the speed training sees
            int warmup = options.quick() ? 2 : 20;
            long warmupNanos = options.quick() ? 0 : WARMUP_NANOS;
            long warmStart = System.nanoTime();
            int warmed = 0;
            while (warmed < warmup || System.nanoTime() - warmStart < warmupNanos) {
                call.run();
                warmed++;
            }
            long perCall = Math.max(1, (System.nanoTime() - warmStart) / warmed);
            int calls = options.quick() ? 1 : (int) Math.max(3, Math.min(10_000, REPETITION_NANOS / perCall));
            int reps = Math.max(1, options.repetitions());
            double[] seconds = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    call.run();
                }
                seconds[r] = (System.nanoTime() - t0) / 1e9 / calls;
            }
            backend.download(c); // the last result reaches the host, so an asynchronous device is waited for
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            double median = sorted[reps / 2];
            String note = String.format(Locale.ROOT, "median of %d x %d calls, best %.1f GFLOP/s", reps, calls,
                    s.flops() / sorted[0] / 1e9);
            return Measurement.gflops(backend.name(), s.name(), s.flops() / median / 1e9, note);
        } finally {
            backend.release(a);
            backend.release(b);
            backend.release(c);
            if (bias != null) {
                backend.release(bias);
            }
        }
    }
}
