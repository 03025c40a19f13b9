package org.specsoc.encoders.plsr;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.compute.GemmLayout;
import org.specsoc.api.model.FittedEncoder.Tensor;

/**
 * A fitted PLS1 model in float32, exactly as the archive stores it: a spectrum x is centred and scaled,
 * {@code z = (x - xMean) / xScale}; its scores are {@code t = z R}; SOC is {@code yMean + t q}; its
 * reconstruction is {@code z_hat = t P^T}, Q is {@code |z - z_hat|^2} and Hotelling's T² is
 * {@code sum_a t_a^2 / scoreVariance_a}. R and P are bands x components, row-major.
 */
final class PlsrModel {
    static final String X_MEAN = "x-mean";
    static final String X_SCALE = "x-scale";
    static final String Y_MEAN = "y-mean";
    static final String WEIGHTS = "weights";
    static final String LOADINGS = "x-loadings";
    static final String Y_LOADINGS = "y-loadings";
    static final String SCORE_VARIANCE = "score-variance";

    /** Spectra per backend call: bounds the device memory of one predict call. */
    private static final int BLOCK_ROWS = 4096;

    private final int bands;
    private final int components;
    private final float[] xMean;
    private final float[] xScale;
    private final float yMean;
    private final float[] weights;
    private final float[] loadings;
    private final float[] yLoadings;
    private final float[] scoreVariance;

    private PlsrModel(float[] xMean, float[] xScale, float yMean, float[] weights, float[] loadings,
                      float[] yLoadings, float[] scoreVariance) {
        this.bands = xMean.length;
        this.components = yLoadings.length;
        this.xMean = xMean;
        this.xScale = xScale;
        this.yMean = yMean;
        this.weights = weights;
        this.loadings = loadings;
        this.yLoadings = yLoadings;
        this.scoreVariance = scoreVariance;
    }

    /**
     * The first {@code use} components of {@code fit}, made from cross-products summed around {@code mu} /
     * {@code yMu}.
     */
    static PlsrModel of(CentredProducts c, SimplsComponents fit, int use, float[] mu, double yMu) {
        int p = c.bands();
        int a = Math.min(use, fit.count());
        float[] xMean = new float[p];
        float[] xScale = new float[p];
        for (int j = 0; j < p; j++) {
            xMean[j] = (float) (mu[j] + c.mean()[j]);
            xScale[j] = (float) c.scale()[j];
        }
        float[] r = new float[p * a];
        float[] pl = new float[p * a];
        float[] q = new float[a];
        float[] variance = new float[a];
        for (int k = 0; k < a; k++) {
            for (int j = 0; j < p; j++) {
                r[j * a + k] = (float) fit.weights()[k][j];
                pl[j * a + k] = (float) fit.loadings()[k][j];
            }
            q[k] = (float) fit.yLoadings()[k];
            // SIMPLS scores have unit length over the training rows, and mean zero.
            variance[k] = (float) (1.0 / (c.rows() - 1));
        }
        return new PlsrModel(xMean, xScale, (float) (yMu + c.yMean()), r, pl, q, variance);
    }

    int components() {
        return components;
    }

    int bands() {
        return bands;
    }

    /** Regression coefficients on the raw spectrum: SOC = intercept() + x . coefficients(). */
    double[] coefficients() {
        double[] b = new double[bands];
        for (int j = 0; j < bands; j++) {
            double s = 0;
            for (int k = 0; k < components; k++) {
                s += (double) weights[j * components + k] * yLoadings[k];
            }
            b[j] = s / xScale[j];
        }
        return b;
    }

    double intercept() {
        double[] b = coefficients();
        double s = yMean;
        for (int j = 0; j < bands; j++) {
            s -= b[j] * xMean[j];
        }
        return s;
    }

    /** See {@link org.specsoc.api.model.FittedEncoder#predict}; null outputs are skipped. */
    void predict(ComputeBackend backend, float[] spectra, int rows, float[] soc, float[] t2, float[] q) {
        if ((long) rows * bands > spectra.length) {
            throw new IllegalArgumentException(rows + " spectra of " + bands + " bands need " + (long) rows * bands
                    + " values, got " + spectra.length);
        }
        if (rows == 0) {
            return;
        }
        int block = Math.min(BLOCK_ROWS, rows);
        float[] z = new float[block * bands];
        float[] t = new float[block * components];
        float[] meanSquare = new float[block];
        Buffer zBuf = backend.allocate(block, bands);
        Buffer wBuf = components == 0 ? null : backend.allocate(weights, bands, components);
        Buffer pBuf = components == 0 || q == null ? null : backend.allocate(loadings, bands, components);
        Buffer tBuf = components == 0 ? null : backend.allocate(block, components);
        Buffer recon = pBuf == null ? null : backend.allocate(block, bands);
        Buffer err = pBuf == null ? null : backend.allocate(block, 1);
        try {
            for (int from = 0; from < rows; from += block) {
                int n = Math.min(block, rows - from);
                standardise(spectra, from, n, z);
                if (components > 0) {
                    Buffer zv = n == block ? zBuf : backend.view(zBuf, 0, n, bands);
                    Buffer tv = n == block ? tBuf : backend.view(tBuf, 0, n, components);
                    backend.upload(z, 0, zv);
                    backend.gemm(GemmLayout.NN, zv, wBuf, tv, null, Activation.IDENTITY, false);
                    backend.download(tv, t, 0);
                    if (pBuf != null) {
                        Buffer rv = n == block ? recon : backend.view(recon, 0, n, bands);
                        Buffer ev = n == block ? err : backend.view(err, 0, n, 1);
                        backend.gemm(GemmLayout.NT, tv, pBuf, rv, null, Activation.IDENTITY, false);
                        backend.rowMeanSquaredError(rv, zv, ev);
                        backend.download(ev, meanSquare, 0);
                    }
                }
                for (int i = 0; i < n; i++) {
                    double y = yMean;
                    double d2 = 0;
                    for (int k = 0; k < components; k++) {
                        double tk = t[i * components + k];
                        y += tk * yLoadings[k];
                        d2 += tk * tk / scoreVariance[k];
                    }
                    if (soc != null) {
                        soc[from + i] = (float) y;
                    }
                    if (t2 != null) {
                        t2[from + i] = (float) d2;
                    }
                    if (q != null) {
                        q[from + i] = components == 0 ? sumOfSquares(z, i) : meanSquare[i] * bands;
                    }
                }
            }
        } finally {
            for (Buffer b : new Buffer[] {err, recon, tBuf, pBuf, wBuf, zBuf}) {
                if (b != null) {
                    backend.release(b);
                }
            }
        }
    }

    private void standardise(float[] x, int from, int n, float[] z) {
        for (int i = 0; i < n; i++) {
            int src = (from + i) * bands;
            int dst = i * bands;
            for (int j = 0; j < bands; j++) {
                z[dst + j] = (x[src + j] - xMean[j]) / xScale[j];
            }
        }
    }

    private float sumOfSquares(float[] z, int row) {
        double s = 0;
        for (int j = 0; j < bands; j++) {
            double v = z[row * bands + j];
            s += v * v;
        }
        return (float) s;
    }

    Map<String, Tensor> tensors() {
        var out = new LinkedHashMap<String, Tensor>();
        out.put(X_MEAN, Tensor.vector(xMean));
        out.put(X_SCALE, Tensor.vector(xScale));
        out.put(Y_MEAN, Tensor.vector(new float[] {yMean}));
        out.put(WEIGHTS, Tensor.matrix(bands, components, weights));
        out.put(LOADINGS, Tensor.matrix(bands, components, loadings));
        out.put(Y_LOADINGS, Tensor.vector(yLoadings));
        out.put(SCORE_VARIANCE, Tensor.vector(scoreVariance));
        return out;
    }

    /** The model in {@code state}, checked against {@code bands}; errors name the tensor. */
    static PlsrModel from(Map<String, Tensor> state, int bands) {
        float[] yLoadings = vector(state, Y_LOADINGS, -1);
        int a = yLoadings.length;
        float[] xScale = vector(state, X_SCALE, bands);
        for (int j = 0; j < bands; j++) {
            if (!(xScale[j] > 0) || !Float.isFinite(xScale[j])) {
                throw new IllegalArgumentException("PLSR state: '" + X_SCALE + "' must be positive and finite, got "
                        + xScale[j] + " at band " + j);
            }
        }
        return new PlsrModel(vector(state, X_MEAN, bands), xScale, vector(state, Y_MEAN, 1)[0],
                matrix(state, WEIGHTS, bands, a), matrix(state, LOADINGS, bands, a), yLoadings,
                vector(state, SCORE_VARIANCE, a));
    }

    private static Tensor tensor(Map<String, Tensor> state, String name) {
        Tensor t = state.get(name);
        if (t == null) {
            throw new IllegalArgumentException("PLSR state has no tensor '" + name + "'; it has " + state.keySet());
        }
        return t;
    }

    private static float[] vector(Map<String, Tensor> state, String name, int length) {
        Tensor t = tensor(state, name);
        if (t.shape().length != 1 || (length >= 0 && t.shape()[0] != length)) {
            throw new IllegalArgumentException("PLSR state: tensor '" + name + "' has shape "
                    + Arrays.toString(t.shape()) + ", expected [" + (length >= 0 ? length : "n") + "]");
        }
        return t.values();
    }

    private static float[] matrix(Map<String, Tensor> state, String name, int rows, int cols) {
        Tensor t = tensor(state, name);
        if (!Arrays.equals(t.shape(), new int[] {rows, cols})) {
            throw new IllegalArgumentException("PLSR state: tensor '" + name + "' has shape "
                    + Arrays.toString(t.shape()) + ", expected [" + rows + ", " + cols + "]");
        }
        return t.values();
    }
}
