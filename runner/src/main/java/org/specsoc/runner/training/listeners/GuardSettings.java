package org.specsoc.runner.training.listeners;

import org.specsoc.api.config.PluginConfig;

/**
 * The {@code train.guard.*} keys of the {@link DivergenceGuard}.
 *
 * @param enabled  whether the guard stops runs at all
 * @param metric   the metric watched, as the trainer names it (e.g. {@code loss})
 * @param factor   how many times its best value the metric may reach before it counts as growing
 * @param patience epochs in a row above {@code factor} times the best that stop the run
 */
public record GuardSettings(boolean enabled, String metric, double factor, int patience) {

    public static final GuardSettings DEFAULT = new GuardSettings(true, "loss", 10.0, 5);

    public GuardSettings {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("the divergence guard needs a metric name");
        }
        if (!(factor > 1.0) || patience < 1) {
            throw new IllegalArgumentException("divergence guard factor " + factor + " must be above 1 and patience "
                    + patience + " at least 1");
        }
    }

    static GuardSettings from(PluginConfig train) {
        return new GuardSettings(train.getBoolean("guard.enabled"), train.getString("guard.metric"),
                train.getDouble("guard.factor"), train.getInt("guard.patience"));
    }
}
