package org.specsoc.runner.training;

/** The loss became NaN or infinite: training stops rather than continue with garbage. */
public final class TrainingDivergedException extends RuntimeException
        implements org.specsoc.runner.experiment.RunDivergence {
    private final int epoch;
    private final int step;

    public TrainingDivergedException(int epoch, int step, double loss) {
        super("training diverged: loss is " + loss + " at epoch " + epoch + ", step " + step
                + "; try a lower train.learning-rate or check the input data for NaN values");
        this.epoch = epoch;
        this.step = step;
    }

    public int epoch() {
        return epoch;
    }

    public int step() {
        return step;
    }
}
