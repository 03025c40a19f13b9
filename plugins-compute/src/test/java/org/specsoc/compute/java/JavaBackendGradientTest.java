package org.specsoc.compute.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ReferenceBackend;

/**
 * Finite differences: the java backend's batchNormBackward and softmaxBackward against central differences
 * of the forward pass (evaluated in double by the oracle, so the differences are clean), for the scalar loss
 * L = sum(w * y) with fixed random weights w, whose dL/dy is w.
 */
class JavaBackendGradientTest {
    private static final double H = 1e-4;

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"IDENTITY", "SIGMOID", "LEAKY_RELU_SIGMOID"})
    void batchNormBackwardMatchesFiniteDifferences(Activation act) {
        int m = 7;
        int n = 5;
        Random r = new Random(11);
        float[] x = values(r, m * n, -2, 2);
        float[] gamma = values(r, n, 0.5f, 1.5f);
        float[] beta = values(r, n, -0.5f, 0.5f);
        float[] w = values(r, m * n, -1, 1);

        float[] dx;
        float[] dGamma;
        float[] dBeta;
        try (JavaBackend be = new JavaBackend(2)) {
            Buffer bx = be.allocate(x, m, n);
            Buffer bg = be.allocate(gamma, 1, n);
            Buffer bb = be.allocate(beta, 1, n);
            Buffer mean = be.allocate(1, n);
            Buffer inv = be.allocate(1, n);
            Buffer y = be.allocate(m, n);
            be.batchNorm(BatchNormMode.TRAINING, bx, bg, bb, be.allocate(1, n), be.allocate(1, n), 0.1f, 1e-5f, mean,
                    inv, act, y);
            Buffer bdx = be.allocate(m, n);
            Buffer bdg = be.allocate(1, n);
            Buffer bdb = be.allocate(1, n);
            be.batchNormBackward(bx, y, be.allocate(w, m, n), act, bg, mean, inv, bdx, bdg, bdb);
            dx = be.download(bdx);
            dGamma = be.download(bdg);
            dBeta = be.download(bdb);
        }
        for (int i = 0; i < x.length; i++) {
            int at = i;
            double numeric = central(v -> bnLoss(with(x, at, v), gamma, beta, w, m, n, act), x[i]);
            assertNear(dx[i], numeric, "dx[" + i + "]");
        }
        for (int j = 0; j < n; j++) {
            int at = j;
            assertNear(dGamma[j], central(v -> bnLoss(x, with(gamma, at, v), beta, w, m, n, act), gamma[j]),
                    "dGamma[" + j + "]");
            assertNear(dBeta[j], central(v -> bnLoss(x, gamma, with(beta, at, v), w, m, n, act), beta[j]),
                    "dBeta[" + j + "]");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 93})
    void softmaxBackwardMatchesFiniteDifferences(int n) {
        int m = 3;
        Random r = new Random(n);
        float[] x = values(r, m * n, -3, 3);
        float[] w = values(r, m * n, -1, 1);
        float[] dx;
        try (JavaBackend be = new JavaBackend(2)) {
            Buffer y = be.allocate(m, n);
            be.softmax(be.allocate(x, m, n), y);
            Buffer bdx = be.allocate(m, n);
            be.softmaxBackward(y, be.allocate(w, m, n), bdx);
            dx = be.download(bdx);
        }
        for (int i = 0; i < x.length; i++) {
            int at = i;
            double numeric = central(v -> softmaxLoss(with(x, at, v), w, m, n), x[i]);
            assertNear(dx[i], numeric, "softmax dx[" + i + "]");
        }
    }

    private interface Loss {
        double at(double value);
    }

    private static double central(Loss loss, float x) {
        return (loss.at(x + H) - loss.at(x - H)) / (2 * H);
    }

    private static void assertNear(float analytic, double numeric, String what) {
        assertThat(Math.abs(analytic - numeric)).as(what + ": analytic " + analytic + ", numeric " + numeric)
                .isLessThanOrEqualTo(1e-3 * Math.max(1e-2, Math.abs(numeric)));
    }

    private static double[] with(float[] v, int at, double value) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        d[at] = value;
        return d;
    }

    private static double bnLoss(Object x, Object gamma, Object beta, float[] w, int m, int n, Activation act) {
        try (ReferenceBackend ref = new ReferenceBackend()) {
            Buffer y = ref.allocate(m, n);
            ref.batchNorm(BatchNormMode.TRAINING, doubles(ref, x, m, n), doubles(ref, gamma, 1, n),
                    doubles(ref, beta, 1, n), ref.allocate(1, n), ref.allocate(1, n), 0.1f, 1e-5f, ref.allocate(1, n),
                    ref.allocate(1, n), act, y);
            return dot(ref.values(y), w);
        }
    }

    private static double softmaxLoss(double[] x, float[] w, int m, int n) {
        try (ReferenceBackend ref = new ReferenceBackend()) {
            Buffer y = ref.allocate(m, n);
            ref.softmax(doubles(ref, x, m, n), y);
            return dot(ref.values(y), w);
        }
    }

    /** The oracle stores doubles; a perturbation of 1e-4 must not be rounded to float on the way in. */
    private static Buffer doubles(ReferenceBackend ref, Object values, int rows, int cols) {
        if (values instanceof float[] f) {
            return ref.allocate(f, rows, cols);
        }
        double[] d = (double[]) values;
        // upload takes floats: write the float part, then add the remainder through axpy in double storage
        float[] hi = new float[d.length];
        float[] lo = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            hi[i] = (float) d[i];
            lo[i] = (float) ((d[i] - hi[i]) * 1e6);
        }
        Buffer b = ref.allocate(hi, rows, cols);
        ref.axpy(1e-6f, ref.allocate(lo, rows, cols), b);
        return b;
    }

    private static double dot(double[] y, float[] w) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += y[i] * w[i];
        }
        return s;
    }

    private static float[] values(Random r, int size, float low, float high) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = low + (high - low) * r.nextFloat();
        }
        return v;
    }
}
