package org.specsoc.runner.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The authors' metrics (reference spec 5) on one evaluated set. SOC metrics use the labelled rows only.
 *
 * @param rmse      sqrt(mean((pred - true)^2)) in percent (mass fraction x 100)
 * @param r2        1 - SS_res / SS_tot (sklearn r2_score; may be far below 0; NaN when SS_tot = 0)
 * @param bias      mean(pred - true) in percent
 * @param mrmse     mean over spectra of each spectrum's reconstruction RMSE, in percent; NaN without a decoder
 * @param labelled  rows with a label
 * @param spectra   rows evaluated
 */
public record Metrics(double rmse, double r2, double bias, double mrmse, int labelled, int spectra) {

    /**
     * @param predicted SOC predictions (mass fractions), one per row
     * @param truth     labels, NaN = unlabelled
     * @param rowMse    per-row mean squared reconstruction error, or null without reconstruction
     */
    public static Metrics of(float[] predicted, float[] truth, double[] rowMse) {
        int n = 0;
        double sumTrue = 0;
        for (int i = 0; i < truth.length; i++) {
            if (!Float.isNaN(truth[i])) {
                n++;
                sumTrue += truth[i];
            }
        }
        double meanTrue = sumTrue / n;
        double ssRes = 0;
        double ssTot = 0;
        double sumErr = 0;
        for (int i = 0; i < truth.length; i++) {
            if (!Float.isNaN(truth[i])) {
                double e = (double) predicted[i] - truth[i];
                ssRes += e * e;
                sumErr += e;
                double d = truth[i] - meanTrue;
                ssTot += d * d;
            }
        }
        double rmse = n == 0 ? Double.NaN : Math.sqrt(ssRes / n) * 100;
        double bias = n == 0 ? Double.NaN : sumErr / n * 100;
        double r2 = n == 0 || ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot;
        double mrmse = Double.NaN;
        if (rowMse != null && rowMse.length > 0) {
            double s = 0;
            for (double v : rowMse) {
                s += Math.sqrt(v);
            }
            mrmse = s / rowMse.length * 100;
        }
        return new Metrics(rmse, r2, bias, mrmse, n, truth.length);
    }

    /** As listener metrics: {@code prefix.rmse}, {@code prefix.r2}, ... (NaN entries left out). */
    public Map<String, Double> asMap(String prefix) {
        var m = new LinkedHashMap<String, Double>();
        put(m, prefix + ".rmse", rmse);
        put(m, prefix + ".r2", r2);
        put(m, prefix + ".bias", bias);
        put(m, prefix + ".mrmse", mrmse);
        return m;
    }

    private static void put(Map<String, Double> m, String key, double v) {
        if (!Double.isNaN(v)) {
            m.put(key, v);
        }
    }
}
