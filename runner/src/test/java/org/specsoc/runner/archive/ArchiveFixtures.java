package org.specsoc.runner.archive;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.specsoc.runner.predict.Calibration;
import org.specsoc.runner.predict.ConformalInterval;
import org.specsoc.runner.predict.OodThreshold;

/** Small archives with awkward content (special floats, escapes in the configuration, extras). */
public final class ArchiveFixtures {
    private ArchiveFixtures() {
    }

    public static ModelProvenance provenance() {
        return ModelProvenance.builder()
                .specsocVersion("0.1.0-test")
                .plugin("encoder", "mlp", "0.1.0")
                .plugin("decoder", "linear-mixing", ArchiveFixtures.class)
                .dataset(new ModelProvenance.DatasetFile("train", "data/raca.csv", "ab".repeat(32), 1234))
                .seed("master", 42L).seed("init", -7L)
                .compute("java", "2 CPU threads", Map.of("simd", "AVX2"))
                .startedAt(Instant.parse("2026-01-02T03:04:05.123456Z"))
                .finishedAt(Instant.parse("2026-01-02T04:05:06Z"))
                .build();
    }

    /** An archive with {@code tensorCount} tensors of {@code width} random values (plus special values). */
    public static ModelArchive archive(long seed, int tensorCount, int width) {
        var random = new SplittableRandom(seed);
        var tensors = new ArrayList<Tensor>();
        for (int t = 0; t < tensorCount; t++) {
            float[] data = new float[3 * width];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextGaussian();
            }
            tensors.add(new Tensor("encoder.l" + t + ".weight", new int[] {3, width}, data));
        }
        tensors.add(Tensor.vector("special.values", new float[] {Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, -0.0f, 0.0f, Float.MIN_VALUE, Float.MAX_VALUE, 1.0e-40f}));
        tensors.add(new Tensor("decoder.rho-r_soc", new int[0], new float[] {1.5f}));
        var config = new LinkedHashMap<String, String>();
        config.put("encoder.hidden", "512");
        config.put("dataset.path", "C:\\data\\raca, sample.csv");
        config.put("experiment.note", "µm = micro metres; key=value # not a comment");
        config.put("train.seed", "42");
        double[] wavelengths = new double[width];
        for (int i = 0; i < width; i++) {
            wavelengths[i] = 400.0 + 0.1 * i + 1e-9 * i * i;
        }
        var extras = new LinkedHashMap<String, JsonNode>();
        extras.put(ModelArchive.CALIBRATION, calibration().toJsonTree());
        extras.put(ModelArchive.PREPROCESSING, ModelArchive.preprocessingExtra(List.of(
                Map.of("name", "savgol", "window", "11"), Map.of("name", "snv"))));
        return ModelArchive.of(config, provenance(), wavelengths, tensors, List.of("kaolinite", "SOC"), extras);
    }

    public static Calibration calibration() {
        double[] predicted = new double[40];
        double[] observed = new double[40];
        double[] mrmse = new double[40];
        for (int i = 0; i < 40; i++) {
            predicted[i] = 0.01 + 0.001 * i;
            observed[i] = predicted[i] + 0.0003 * ((i * 7) % 11 - 5);
            mrmse[i] = 0.01 + 0.0001 * ((i * 13) % 17);
        }
        return Calibration.fit(predicted, observed, mrmse, ConformalInterval.DEFAULT_LEVEL,
                OodThreshold.DEFAULT_QUANTILE);
    }
}
