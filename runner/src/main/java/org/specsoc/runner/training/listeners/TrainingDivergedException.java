package org.specsoc.runner.training.listeners;

/** Training was stopped because a watched metric became non-finite or kept growing far above its best. */
public final class TrainingDivergedException extends RuntimeException
        implements org.specsoc.runner.experiment.RunDivergence {
    private final String metric;
    private final int epoch;
    private final double value;

    public TrainingDivergedException(String metric, int epoch, double value, String message) {
        super(message);
        this.metric = metric;
        this.epoch = epoch;
        this.value = value;
    }

    public String metric() {
        return metric;
    }

    public int epoch() {
        return epoch;
    }

    public double value() {
        return value;
    }
}
