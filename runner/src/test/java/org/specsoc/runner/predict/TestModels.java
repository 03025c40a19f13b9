package org.specsoc.runner.predict;

import java.util.Arrays;

/** Calibrations with round numbers, for predictor tests. */
final class TestModels {
    private TestModels() {
    }

    /** Interval half-width {@code halfWidth} at level 0.9 and OOD threshold {@code threshold} (or no decoder). */
    static Calibration calibration(double halfWidth, Double threshold) {
        double[] predicted = new double[20];
        double[] observed = new double[20];
        Arrays.fill(predicted, 0.02);
        Arrays.fill(observed, 0.02 + halfWidth);
        double[] mrmse = null;
        if (threshold != null) {
            mrmse = new double[100];
            Arrays.fill(mrmse, threshold);
        }
        return Calibration.fit(predicted, observed, mrmse, 0.9, 0.99);
    }

    static PredictionModel model(FakePredictor predictor, double halfWidth, double threshold) {
        return new PredictionModel("fake.zip", predictor,
                calibration(halfWidth, predictor.reconstructs() ? threshold : null));
    }
}
