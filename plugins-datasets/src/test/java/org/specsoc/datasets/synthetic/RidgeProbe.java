package org.specsoc.datasets.synthetic;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
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
        double[] w = new LUDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                .solve(new ArrayRealVector(b, false)).toArray();
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
}
