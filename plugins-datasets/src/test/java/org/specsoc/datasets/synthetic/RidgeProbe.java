package org.specsoc.datasets.synthetic;

import org.specsoc.api.data.SpectralDataset;

/** A tiny ridge regression (normal equations) to probe how a data set behaves under leave-one-region-out. */
final class RidgeProbe {

    private RidgeProbe() {
    }

    /** Fits SOC on every region but {@code region}; returns the RMSE on {@code region}. */
    static double leaveOut(SpectralDataset d, String region) {
        String[] regions = d.group(SpectralDataset.REGION);
        int m = d.bands();
        int p = m + 1;
        double[][] a = new double[p][p];
        double[] b = new double[p];
        for (int r = 0; r < d.rows(); r++) {
            if (regions[r].equals(region)) {
                continue;
            }
            double[] x = features(d, r);
            for (int i = 0; i < p; i++) {
                b[i] += x[i] * d.soc(r);
                for (int j = 0; j < p; j++) {
                    a[i][j] += x[i] * x[j];
                }
            }
        }
        for (int i = 1; i < p; i++) {
            a[i][i] += 1e-3;
        }
        double[] w = solve(a, b);
        double ss = 0;
        int n = 0;
        for (int r = 0; r < d.rows(); r++) {
            if (!regions[r].equals(region)) {
                continue;
            }
            double[] x = features(d, r);
            double yhat = 0;
            for (int i = 0; i < p; i++) {
                yhat += w[i] * x[i];
            }
            ss += (yhat - d.soc(r)) * (yhat - d.soc(r));
            n++;
        }
        return Math.sqrt(ss / n);
    }

    private static double[] features(SpectralDataset d, int r) {
        double[] x = new double[d.bands() + 1];
        x[0] = 1;
        for (int b = 0; b < d.bands(); b++) {
            x[b + 1] = d.value(r, b);
        }
        return x;
    }

    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            double tb = b[c];
            b[c] = b[piv];
            b[piv] = tb;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double v = b[r];
            for (int k = r + 1; k < n; k++) {
                v -= a[r][k] * x[k];
            }
            x[r] = v / a[r][r];
        }
        return x;
    }
}
