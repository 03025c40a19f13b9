package org.specsoc.runner.training;

import java.util.List;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.runner.config.ConfigSection;

/** The runner's {@code train.}, {@code loss.} and {@code eval.} keys; defaults are the authors' settings. */
public final class TrainingConfig {
    public static final String RUNNING_STATISTICS = "running-statistics";
    public static final String BATCH_STATISTICS = "batch-statistics";

    public static final ConfigSection TRAIN = new ConfigSection("train.", ConfigSpec.builder()
            .integer("epochs", 1000, 0, 1_000_000, "training epochs (authors: 1000; Exp. 3: 500)")
            .integer("batch-size", 300, 2, 1 << 20, "spectra per step; the last partial batch is dropped")
            .number("learning-rate", 5e-5, 0.0, null, "Adam learning rate")
            .number("beta1", 0.99, 0.0, 1.0, "Adam beta1 (the authors used 0.99, not PyTorch's 0.9)")
            .number("beta2", 0.999, 0.0, 1.0, "Adam beta2")
            .number("epsilon", 1e-8, 0.0, null, "Adam epsilon")
            .longValue("seed", 0, "master seed; split into independent streams for init, shuffle and sampling")
            .integer("eval-interval", 10, 1, 1_000_000, "evaluate training and validation metrics every N epochs")
            .choice("freeze", "none", List.of("none", "encoder", "decoder"),
                    "part whose parameters stay fixed (fine-tuning)")
            .build());

    public static final ConfigSection LOSS = new ConfigSection("loss.", ConfigSpec.builder()
            .number("sigma-soc", 0.0041, 1e-12, null, "sigma_SOC of eq. (1), SOC mass fraction")
            .number("sigma-asd", 0.01, 1e-12, null, "sigma_ASD of eq. (1), reflectance")
            .build());

    public static final ConfigSection EVAL = new ConfigSection("eval.", ConfigSpec.builder()
            .choice("batchnorm", RUNNING_STATISTICS, List.of(RUNNING_STATISTICS, BATCH_STATISTICS),
                    "BatchNorm at evaluation: running statistics (a single spectrum can be predicted) or the"
                            + " evaluated set's own statistics (what the authors reported)")
            .build());

    private TrainingConfig() {
    }

    public static BatchNormMode evalMode(String value) {
        return switch (value) {
            case RUNNING_STATISTICS -> BatchNormMode.INFERENCE;
            case BATCH_STATISTICS -> BatchNormMode.BATCH_STATISTICS;
            default -> throw new IllegalArgumentException("unknown eval.batchnorm '" + value + "'");
        };
    }

    /** The value of {@code eval.batchnorm} for a mode, for reports. */
    public static String evalModeName(BatchNormMode mode) {
        return mode == BatchNormMode.BATCH_STATISTICS ? BATCH_STATISTICS : RUNNING_STATISTICS;
    }
}
