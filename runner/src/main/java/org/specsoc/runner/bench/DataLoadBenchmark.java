package org.specsoc.runner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.csv.CsvLayout;
import org.specsoc.datasets.csv.SpectraCsvReader;
import org.specsoc.datasets.csv.SpectraCsvWriter;
import org.specsoc.datasets.csv.SpectralQuantity;
import org.specsoc.datasets.synthetic.RacaRegionSizes;
import org.specsoc.datasets.synthetic.SyntheticGenerator;
import org.specsoc.datasets.synthetic.SyntheticSettings;

/**
 * {@code specsoc bench --data}: writes a synthetic wide CSV of {@code samples x bands} (the paper's 23,550 x
 * 2,136, about 450 MB) into the scratch folder once, then times loading it with the spectra CSV reader (target
 * at most 5 s on 2 cores) and reports the heap the loaded data set holds against its raw float32 size (target
 * under 30 % overhead). Loading does not use the compute backend, so the file is generated once and the figures
 * repeat per backend only as a check of stability.
 */
public final class DataLoadBenchmark implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(DataLoadBenchmark.class);

    private Path file;
    private BenchOptions generatedFor;

    @Override
    public String name() {
        return "data";
    }

    @Override
    public boolean runsByDefault() {
        return false;
    }

    @Override
    public List<Measurement> run(ComputeBackend backend, BenchOptions options) throws Exception {
        Path csv = generated(options);
        var layout = new CsvLayout(Optional.empty(), Optional.of(SpectraCsvWriter.LABEL_COLUMN), 1.0,
                Optional.of("region"), Optional.of("pedon"), List.of(), SpectralQuantity.REFLECTANCE, false);
        var reader = new SpectraCsvReader(layout);
        int repetitions = Math.max(1, options.repetitions());
        double best = Double.POSITIVE_INFINITY;
        long heapDelta = 0;
        SpectralDataset loaded = null;
        for (int i = 0; i < repetitions; i++) {
            loaded = null;
            long before = usedHeap();
            long t0 = System.nanoTime();
            loaded = reader.read(csv);
            double seconds = (System.nanoTime() - t0) / 1e9;
            best = Math.min(best, seconds);
            heapDelta = usedHeap() - before;
        }
        long raw = 4L * loaded.rows() * loaded.bands();
        double overhead = 100.0 * (heapDelta - raw) / raw;
        String note = String.format("%d x %d, %.0f MB file, %d cores; heap held %.1f MB vs raw float32 %.1f MB "
                        + "(overhead %.1f %%); best of %d", loaded.rows(), loaded.bands(), Files.size(csv) / 1e6,
                Runtime.getRuntime().availableProcessors(), heapDelta / 1e6, raw / 1e6, overhead, repetitions);
        LOG.info("data load: {} s, {}", String.format("%.3f", best), note);
        var out = new ArrayList<Measurement>();
        out.add(Measurement.seconds(backend.name(), "load wide CSV", best, loaded.rows() / best, note));
        return out;
    }

    private synchronized Path generated(BenchOptions options) throws Exception {
        if (file != null && options.equals(generatedFor) && Files.isRegularFile(file)) {
            return file;
        }
        double scale = (double) options.samples() / RacaRegionSizes.total();
        var settings = SyntheticSettings.defaults(1).withScale(scale).withGrid(365, 365 + options.bands() - 1, 1);
        long t0 = System.nanoTime();
        SpectralDataset data = new SyntheticGenerator(settings).generate().dataset();
        Path target = Files.createDirectories(options.scratchDirectory()).resolve("bench-data.csv");
        SpectraCsvWriter.write(data, target);
        LOG.info("generated {} ({} x {}, {} MB) in {} s", target, data.rows(), data.bands(),
                Files.size(target) / 1_000_000, String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        file = target;
        generatedFor = options;
        return target;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
