package org.specsoc.runner.training.listeners;

import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.model.TrainingListener;

/**
 * Stops a run that has gone wrong instead of letting it spend hours on garbage (after DJL's
 * {@code DivergenceCheckTrainingListener}): the watched metric (the training loss by default) being NaN or
 * infinite stops it at once, since a NaN never recovers (a GPU kernel producing NaN silently is the usual cause);
 * the metric staying above {@code factor} times its best value for {@code patience} epochs in a row stops it
 * too, since Adam with too high a learning rate shows exactly that.
 */
public final class DivergenceGuard implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(DivergenceGuard.class);
    /** The key named in the hint; the trainer's learning-rate key. */
    static final String LEARNING_RATE_KEY = "train.learning-rate";

    private final GuardSettings settings;
    private double best;
    private int bestEpoch;
    private int epochsAbove;
    private boolean warnedMissing;

    public DivergenceGuard(GuardSettings settings) {
        this.settings = settings;
        reset();
    }

    private void reset() {
        best = Double.POSITIVE_INFINITY;
        bestEpoch = 0;
        epochsAbove = 0;
        warnedMissing = false;
    }

    @Override
    public void onTrainingBegin(String runId, int epochs) {
        reset();
    }

    @Override
    public void onEpochEnd(String runId, int epoch, int epochs, Map<String, Double> metrics) {
        if (!settings.enabled()) {
            return;
        }
        Double boxed = metrics.get(settings.metric());
        if (boxed == null) {
            if (!warnedMissing) {
                warnedMissing = true;
                LOG.warn("run {}: the divergence guard watches '{}', which epoch {} did not report (it reported {});"
                        + " check train.guard.metric", runId, settings.metric(), epoch,
                        new TreeSet<>(metrics.keySet()));
            }
            return;
        }
        double value = boxed;
        if (!Double.isFinite(value)) {
            throw new TrainingDivergedException(settings.metric(), epoch, value, "run " + runId
                    + ": training diverged at epoch " + epoch + ": " + settings.metric() + " is " + value
                    + (bestEpoch > 0 ? " (best " + format(best) + " at epoch " + bestEpoch + ")" : "")
                    + ". Lower the learning rate (" + LEARNING_RATE_KEY + ") and check the input spectra and labels"
                    + " for NaN or infinite values; with compute.backend=opencl, compare with compute.backend=java.");
        }
        if (value < best) {
            best = value;
            bestEpoch = epoch;
            epochsAbove = 0;
            return;
        }
        if (best > 0 && value > settings.factor() * best) {
            epochsAbove++;
            if (epochsAbove >= settings.patience()) {
                throw new TrainingDivergedException(settings.metric(), epoch, value, "run " + runId
                        + ": training diverged at epoch " + epoch + ": " + settings.metric() + " = " + format(value)
                        + " has stayed above " + format(settings.factor()) + " times its best (" + format(best)
                        + " at epoch " + bestEpoch + ") for " + epochsAbove + " epochs. Lower the learning rate ("
                        + LEARNING_RATE_KEY + "), or relax train.guard.factor / train.guard.patience if this is"
                        + " expected.");
            }
        } else {
            epochsAbove = 0;
        }
    }

    private static String format(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
