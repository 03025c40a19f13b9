package org.specsoc.runner.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.encoders.plsr.PlsrEncoder;
import org.specsoc.encoders.plsr.PlsrSettings;

/**
 * Time to fit the {@code plsr} baseline at the paper's size (23,550 x 2,136 by default): once with the number of
 * components chosen by 5-fold grouped cross-validation up to 30 (what a run does), once with 30 components fixed
 * (the fit alone). The spectra are random: a smooth low-rank signal plus noise, SOC linear in the signal, three
 * spectra per pedon; the figures depend on the sizes only.
 */
public final class PlsrBenchmark implements Benchmark {
    static final int COMPONENTS = 30;
    private static final int FACTORS = 8;
    private static final int SPECTRA_PER_PEDON = 3;
    private static final int WARM_UP_ROWS = 4096;

    @Override
    public String name() {
        return "plsr";
    }

    @Override
    public List<Measurement> run(ComputeBackend backend, BenchOptions options) {
        SpectralDataset data = randomSpectra(options.samples(), options.bands(), 20_260_101L);
        String size = String.format(Locale.ROOT, "%d x %d", options.samples(), options.bands());
        warmUp(backend, data);
        var out = new ArrayList<Measurement>();
        PlsrSettings chosen = PlsrSettings.defaults().withMaxComponents(COMPONENTS);
        out.add(time(backend, options, data, chosen, "plsr fit, 5-fold grouped CV up to " + COMPONENTS
                + " components", size));
        out.add(time(backend, options, data, chosen.withComponents(COMPONENTS), "plsr fit, " + COMPONENTS
                + " components fixed", size));
        return out;
    }

    /** One fit on a slice first, so that JIT compilation of the GEMM kernels is not timed. */
    private static void warmUp(ComputeBackend backend, SpectralDataset data) {
        int rows = Math.min(data.rows(), WARM_UP_ROWS);
        SpectralDataset slice = data.subset(IntStream.range(0, rows).toArray());
        new PlsrEncoder(PlsrSettings.defaults().withMaxComponents(COMPONENTS), backend, new RandomStreams(0),
                new ModelShape(data.wavelengths(), 2)).fit(slice);
    }

    private static Measurement time(ComputeBackend backend, BenchOptions options, SpectralDataset data,
                                    PlsrSettings settings, String name, String size) {
        int repetitions = Math.max(1, options.repetitions());
        double[] seconds = new double[repetitions];
        double[] cpu = new double[repetitions];
        int components = 0;
        for (int r = 0; r < repetitions; r++) {
            var plsr = new PlsrEncoder(settings, backend, new RandomStreams(r), new ModelShape(data.wavelengths(), 2));
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            plsr.fit(data);
            seconds[r] = (System.nanoTime() - start) * 1e-9;
            cpu[r] = (processCpuNanos() - cpuStart) * 1e-9;
            components = plsr.components();
        }
        Arrays.sort(seconds);
        Arrays.sort(cpu);
        double median = seconds[repetitions / 2];
        // CPU time over all threads tells what the fit costs on a shared machine, where wall time does not.
        String cpuNote = processCpuNanos() >= 0
                ? String.format(Locale.ROOT, ", %.1f CPU s over all threads", cpu[repetitions / 2]) : "";
        return Measurement.seconds(backend.name(), name, median, data.rows() / median,
                size + ", " + components + " components kept, median of " + repetitions + cpuNote);
    }

    /** CPU time of the whole process (every thread, GC included), or -1 where the JVM does not report it. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** x = 0.3 + smooth low-rank signal + uniform noise growing with the band; SOC linear in the signal. Deterministic per seed. */
    static SpectralDataset randomSpectra(int rows, int bands, long seed) {
        var rnd = new SplittableRandom(seed);
        double[][] shapes = new double[FACTORS][bands];
        for (int k = 0; k < FACTORS; k++) {
            double centre = rnd.nextDouble() * bands;
            double width = bands * (0.05 + 0.3 * rnd.nextDouble());
            for (int j = 0; j < bands; j++) {
                double d = (j - centre) / width;
                shapes[k][j] = 0.05 * Math.exp(-0.5 * d * d);
            }
        }
        double[] soc = new double[FACTORS];
        for (int k = 0; k < FACTORS; k++) {
            soc[k] = 0.005 * rnd.nextGaussian();
        }
        // Noise whose size differs by band, as in real spectra: with white noise every direction outside the
        // signal has the same variance and PLS would run out of distinct components long before 30.
        double[] noise = new double[bands];
        for (int j = 0; j < bands; j++) {
            noise[j] = 0.004 * (0.2 + (double) j / bands);
        }
        float[] x = new float[rows * bands];
        float[] y = new float[rows];
        String[] ids = new String[rows];
        String[] pedon = new String[rows];
        double[] f = new double[FACTORS];
        for (int i = 0; i < rows; i++) {
            double s = 0.02;
            for (int k = 0; k < FACTORS; k++) {
                f[k] = rnd.nextGaussian();
                s += f[k] * soc[k];
            }
            int off = i * bands;
            for (int j = 0; j < bands; j++) {
                double v = 0.3 + noise[j] * (rnd.nextDouble() - 0.5);
                for (int k = 0; k < FACTORS; k++) {
                    v += f[k] * shapes[k][j];
                }
                x[off + j] = (float) v;
            }
            y[i] = (float) (s + 0.001 * rnd.nextGaussian());
            ids[i] = "b" + i;
            pedon[i] = "p" + i / SPECTRA_PER_PEDON;
        }
        double[] grid = new double[bands];
        for (int j = 0; j < bands; j++) {
            grid[j] = 365 + j;
        }
        return new SpectralDataset(x, grid, y, ids, Map.of(SpectralDataset.PEDON, pedon),
                DatasetProvenance.of("plsr benchmark"));
    }
}
