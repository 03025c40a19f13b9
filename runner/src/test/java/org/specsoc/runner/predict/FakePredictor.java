package org.specsoc.runner.predict;

import java.util.Arrays;

/**
 * A stand-in for a trained model with closed-form outputs: SOC = mean reflectance / 10; the reconstruction is
 * the flat spectrum at the mean, so MRMSE is the spectrum's standard deviation over the grid.
 */
final class FakePredictor implements SpectraPredictor {
    final double[] grid;
    final boolean decoder;
    final boolean reflectance;
    final int batch;
    int calls;
    int maxRows;

    FakePredictor(double[] grid, boolean decoder, boolean reflectance, int batch) {
        this.grid = grid;
        this.decoder = decoder;
        this.reflectance = reflectance;
        this.batch = batch;
    }

    @Override
    public double[] wavelengths() {
        return grid.clone();
    }

    @Override
    public boolean reconstructs() {
        return decoder;
    }

    @Override
    public boolean reconstructsReflectance() {
        return reflectance;
    }

    @Override
    public int preferredBatchRows() {
        return batch;
    }

    @Override
    public void predict(float[] spectra, int rows, float[] soc, float[] mrmse, float[] reconstruction) {
        calls++;
        maxRows = Math.max(maxRows, rows);
        int m = grid.length;
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int j = 0; j < m; j++) {
                mean += spectra[r * m + j];
            }
            mean /= m;
            double ss = 0;
            for (int j = 0; j < m; j++) {
                double d = spectra[r * m + j] - mean;
                ss += d * d;
            }
            soc[r] = (float) (mean / 10);
            if (decoder) {
                mrmse[r] = (float) Math.sqrt(ss / m);
            }
            if (reconstruction != null) {
                Arrays.fill(reconstruction, r * m, (r + 1) * m, (float) mean);
            }
        }
    }

    static double[] grid(double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = from + i * step;
        }
        return g;
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    /** Population standard deviation. */
    static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length);
    }
}
