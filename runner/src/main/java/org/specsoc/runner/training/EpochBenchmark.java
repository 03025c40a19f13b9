package org.specsoc.runner.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.specsoc.api.compute.AdamSettings;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.model.Decoder;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.decoders.AnnDecoder;
import org.specsoc.decoders.NoDecoder;
import org.specsoc.encoders.MlpEncoder;
import org.specsoc.runner.bench.BenchOptions;
import org.specsoc.runner.bench.Benchmark;
import org.specsoc.runner.bench.Measurement;

/**
 * One training epoch as the authors ran it: {@code samples} random spectra resident on the backend, shuffled
 * batches gathered on the device, forward, eq. (1), backward, Adam; for the encoder alone
 * ({@code epoch.encoder}) and encoder + ANN decoder ({@code epoch.encoder+ann}). With {@code --quick} only a
 * few batches run and the epoch time is extrapolated from them.
 */
public final class EpochBenchmark implements Benchmark {
    private static final int QUICK_BATCHES = 3;
    private static final int WARMUP_BATCHES = 10;

    @Override
    public String name() {
        return "epoch";
    }

    @Override
    public List<Measurement> run(ComputeBackend backend, BenchOptions options) {
        var out = new ArrayList<Measurement>();
        out.add(measure(backend, options, false));
        out.add(measure(backend, options, true));
        return out;
    }

    private Measurement measure(ComputeBackend backend, BenchOptions o, boolean ann) {
        int steps = o.samples() / o.batch();
        if (steps == 0) {
            throw new IllegalArgumentException("epoch benchmark: " + o.samples() + " samples make no batch of "
                    + o.batch());
        }
        int timed = o.quick() ? Math.min(QUICK_BATCHES, steps) : steps;
        // Quick runs only hold the spectra their batches need.
        int resident = o.quick() ? Math.min(o.samples(), (timed + 1) * o.batch()) : o.samples();
        ModelShape shape = new ModelShape(IntStream.range(0, o.bands()).mapToDouble(i -> 365 + i).toArray(),
                o.latent());
        Decoder decoder = ann ? new AnnDecoder(shape, o.hidden(), 4) : new NoDecoder(shape);
        JointModel model = new JointModel(backend, new MlpEncoder(shape, o.hidden(), 4), decoder);
        model.initialise(new RandomStreams(1).child("init"));
        SocLoss loss = new SocLoss(model, 0.0041, 0.01);
        SplittableRandom random = new SplittableRandom(2);
        float[] spectra = new float[resident * o.bands()];
        for (int i = 0; i < spectra.length; i++) {
            spectra[i] = (float) (0.05 + 0.9 * random.nextDouble());
        }
        float[] labels = new float[resident];
        for (int i = 0; i < resident; i++) {
            labels[i] = (float) (0.1 * random.nextDouble());
        }
        Buffer x = backend.allocate(spectra, resident, o.bands());
        Buffer y = backend.allocate(labels, resident, 1);
        Buffer bx = backend.allocate(o.batch(), o.bands());
        Buffer by = backend.allocate(o.batch(), 1);
        Buffer m = backend.allocate(1, model.parameterCount());
        Buffer v = backend.allocate(1, model.parameterCount());
        AdamSettings adam = AdamSettings.authors();
        int[] order = IntStream.range(0, resident).toArray();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        try {
            // Untimed steps first: the Vector API runs ~100x slower until C2 has compiled the kernels, and the
            // backend's first-use costs are not part of an epoch either.
            int warmup = o.quick() ? 1 : WARMUP_BATCHES;
            int batches = resident / o.batch();
            for (int s = 0; s < warmup; s++) {
                step(backend, model, loss, x, y, bx, by, order, s % batches, m, v, adam, s + 1);
            }
            long start = System.nanoTime();
            for (int s = 0; s < timed; s++) {
                step(backend, model, loss, x, y, bx, by, order, (s + warmup) % batches, m, v, adam, s + warmup + 1);
            }
            // Wait for the device: the last download orders every queued kernel before it.
            backend.download(backend.view(model.parameters(), 0, 1, 1));
            double seconds = (System.nanoTime() - start) / 1e9 * steps / timed;
            String name = ann ? "epoch.encoder+ann" : "epoch.encoder";
            String note = steps + " batches of " + o.batch() + " x " + o.bands() + ", " + model.parameterCount()
                    + " parameters" + (timed < steps ? "; extrapolated from " + timed + " batches" : "");
            return Measurement.seconds(backend.name(), name, seconds, steps * (double) o.batch() / seconds, note);
        } finally {
            for (Buffer b : new Buffer[] {x, y, bx, by, m, v, model.parameters(), model.gradients()}) {
                backend.release(b);
            }
        }
    }

    private static void step(ComputeBackend backend, JointModel model, SocLoss loss, Buffer x, Buffer y, Buffer bx,
                             Buffer by, int[] order, int batchIndex, Buffer m, Buffer v, AdamSettings adam,
                             int adamStep) {
        int batch = bx.rows();
        int[] rows = new int[batch];
        System.arraycopy(order, batchIndex * batch, rows, 0, batch);
        backend.gatherRows(x, rows, bx);
        backend.gatherRows(y, rows, by);
        loss.forwardBackward(List.of(new SocLoss.Part(bx, by, batch)));
        backend.adam(model.parameters(), model.gradients(), m, v, adam, adamStep);
    }
}
