package org.specsoc.encoders.plsr;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * PLS1 components by de Jong's SIMPLS (Chemometrics and Intelligent Laboratory Systems 18, 1993, 251-263),
 * computed from the cross-products alone: with {@code C = Z^T Z} and {@code s = Z^T y}, each weight vector is
 * the current deflated {@code s}, the score {@code t = Z r} is never formed ({@code |t|^2 = r^T C r}), the
 * loading is {@code C r} and the deflation projects {@code s} off the orthonormalised loadings. The scores are
 * orthonormal over the training rows, so the regression coefficients in the scaled space are
 * {@code sum_a r_a q_a}.
 *
 * @param weights  r_a per component (bands each): scores {@code t = z . r_a} of a centred, scaled spectrum z
 * @param loadings p_a = C r_a per component: the spectrum part explained, {@code z_hat = sum_a t_a p_a}
 * @param yLoadings q_a = s^T r_a: SOC per unit score
 */
record SimplsComponents(double[][] weights, double[][] loadings, double[] yLoadings) {

    /** |t|^2 below this fraction of trace(C) |r|^2 means the rank is exhausted. */
    private static final double RANK_TOLERANCE = 1e-12;
    /** |s| below this fraction of its start means SOC is fully explained. */
    private static final double EXHAUSTED = 1e-12;
    /** Below this many bands the matrix-vector product is not worth threads. */
    private static final int PARALLEL_BANDS = 256;

    int count() {
        return yLoadings.length;
    }

    /** Up to {@code maxComponents} components; fewer when the rank of C or of the SOC signal runs out. */
    static SimplsComponents fit(CentredProducts c, int maxComponents) {
        int p = c.bands();
        double[] zz = c.zz();
        double[] s0 = c.zy();
        double trace = 0;
        for (int j = 0; j < p; j++) {
            trace += zz[j * p + j];
        }
        double s0Norm = norm(s0);
        double[] s = s0.clone();
        var r = new double[maxComponents][];
        var loads = new double[maxComponents][];
        var basis = new double[maxComponents][];
        var q = new double[maxComponents];
        int a = 0;
        while (a < maxComponents && s0Norm > 0) {
            double[] w = s.clone();
            double wNorm2 = dot(w, w);
            // SOC lies in the span of the components found: nothing left to explain.
            if (!(wNorm2 > EXHAUSTED * EXHAUSTED * s0Norm * s0Norm)) {
                break;
            }
            double[] cw = multiply(zz, w, p);
            double tt = dot(w, cw);
            if (!(tt > RANK_TOLERANCE * trace * wNorm2)) {
                break;
            }
            double inv = 1 / Math.sqrt(tt);
            for (int j = 0; j < p; j++) {
                w[j] *= inv;
                cw[j] *= inv;
            }
            double[] v = cw.clone();
            // Twice Gram-Schmidt: one pass loses orthogonality once the loadings get nearly collinear.
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < a; i++) {
                    axpy(-dot(basis[i], v), basis[i], v);
                }
            }
            double vNorm = norm(v);
            if (!(vNorm > 0)) {
                break;
            }
            for (int j = 0; j < p; j++) {
                v[j] /= vNorm;
            }
            r[a] = w;
            loads[a] = cw;
            q[a] = dot(s0, w);
            basis[a] = v;
            a++;
            // s = (I - V V^T) s0, re-projected against every basis vector to hold orthogonality in double.
            axpy(-dot(v, s), v, s);
            for (int i = 0; i < a - 1; i++) {
                axpy(-dot(basis[i], s), basis[i], s);
            }
        }
        return new SimplsComponents(Arrays.copyOf(r, a), Arrays.copyOf(loads, a), Arrays.copyOf(q, a));
    }

    /**
     * Cumulative regression coefficients in the scaled space: column {@code k} (0-based) of the result holds the
     * coefficients of the model with {@code k + 1} components, as {@code [k][band]}; models with more
     * components than were found repeat the last one.
     */
    double[][] cumulativeCoefficients(int models, int bands) {
        double[][] b = new double[models][bands];
        double[] running = new double[bands];
        for (int k = 0; k < models; k++) {
            if (k < count()) {
                axpy(yLoadings[k], weights[k], running);
            }
            b[k] = running.clone();
        }
        return b;
    }

    /** y = C x for symmetric row-major C; rows in parallel (each row's sum is independent: deterministic). */
    static double[] multiply(double[] c, double[] x, int p) {
        double[] y = new double[p];
        IntStream rows = IntStream.range(0, p);
        (p >= PARALLEL_BANDS ? rows.parallel() : rows).forEach(i -> {
            double sum = 0;
            int off = i * p;
            for (int j = 0; j < p; j++) {
                sum += c[off + j] * x[j];
            }
            y[i] = sum;
        });
        return y;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }
}
