package org.specsoc.runner.predict;

import java.util.Arrays;
import org.specsoc.api.data.SpectralDataset;

/**
 * Calibrates a model's trust on held-out training spectra it never fitted, through the very predictor that
 * {@code specsoc predict} will use (same preprocessing, same BatchNorm mode, same MRMSE), so that the OOD
 * threshold and the conformal interval are on the scale prediction reports.
 */
public final class HeldOutCalibration {

    private HeldOutCalibration() {
    }

    /**
     * @param heldOut spectra on {@code predictor.wavelengths()}; the labelled ones calibrate the interval, all of
     *                them the OOD threshold
     */
    public static Calibration fit(SpectraPredictor predictor, SpectralDataset heldOut, double level,
                                  double oodQuantile) {
        if (!Arrays.equals(heldOut.wavelengths(), predictor.wavelengths())) {
            throw new IllegalArgumentException("held-out spectra are on a grid of " + heldOut.bands()
                    + " bands, the model takes " + predictor.wavelengths().length);
        }
        int n = heldOut.rows();
        int m = heldOut.bands();
        float[] soc = new float[n];
        float[] mrmse = new float[n];
        int batch = Math.max(1, predictor.preferredBatchRows());
        float[] in = new float[batch * m];
        float[] s = new float[batch];
        float[] e = new float[batch];
        for (int from = 0; from < n; from += batch) {
            int rows = Math.min(batch, n - from);
            System.arraycopy(heldOut.spectra(), from * m, in, 0, rows * m);
            predictor.predict(in, rows, s, predictor.reconstructs() ? e : null, null);
            System.arraycopy(s, 0, soc, from, rows);
            System.arraycopy(e, 0, mrmse, from, rows);
        }
        int labelled = 0;
        for (int i = 0; i < n; i++) {
            if (!Float.isNaN(heldOut.soc(i))) {
                labelled++;
            }
        }
        double[] predicted = new double[labelled];
        double[] observed = new double[labelled];
        for (int i = 0, j = 0; i < n; i++) {
            if (!Float.isNaN(heldOut.soc(i))) {
                predicted[j] = soc[i];
                observed[j++] = heldOut.soc(i);
            }
        }
        double[] scores = null;
        if (predictor.reconstructs()) {
            scores = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = mrmse[i];
            }
        }
        return Calibration.fit(predicted, observed, scores, level, oodQuantile);
    }
}
