package org.specsoc.runner.training.listeners;

import java.util.List;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.PluginConfig;

/**
 * The {@code train.} keys of the standard listeners: progress display, metric logging, divergence guard.
 *
 * @param progress           how progress is shown
 * @param progressLogPercent percent of the epochs between progress lines in log mode
 * @param metricsLogEvery    epochs between metric log lines (the CSV gets every epoch)
 * @param guard              the divergence guard
 */
public record ListenerSettings(ProgressMode progress, int progressLogPercent, int metricsLogEvery,
                               GuardSettings guard) {

    /** Keys relative to {@code train.}. */
    public static final ConfigSpec SPEC = ConfigSpec.builder()
            .choice("progress", "auto", List.of("auto", "bar", "log", "off"), "progress display: a bar with ETA on"
                    + " a terminal, log lines every few percent otherwise (auto), or always one of them, or none")
            .integer("progress-log-percent", 5, 1, 100, "percent of the epochs between progress log lines")
            .integer("metrics.log-every", 10, 1, 1_000_000, "epochs between metric log lines; "
                    + "learning-curve.csv in the run folder gets every epoch")
            .bool("guard.enabled", true, "stop a run whose watched metric becomes NaN or infinite or keeps growing")
            .string("guard.metric", "loss", "the metric the divergence guard watches")
            .number("guard.factor", 10.0, 1.001, 1e12, "the run counts as diverging while the metric is above"
                    + " this many times its best value")
            .integer("guard.patience", 5, 1, 1_000_000, "epochs in a row above guard.factor times the best value"
                    + " that stop the run")
            .build();

    public static final ListenerSettings DEFAULT = new ListenerSettings(ProgressMode.AUTO, 5, 10,
            GuardSettings.DEFAULT);

    /** From the bound {@code train.} section (which must contain {@link #SPEC}'s keys). */
    public static ListenerSettings from(PluginConfig train) {
        return new ListenerSettings(ProgressMode.fromKey(train.getString("progress")),
                train.getInt("progress-log-percent"), train.getInt("metrics.log-every"), GuardSettings.from(train));
    }
}
