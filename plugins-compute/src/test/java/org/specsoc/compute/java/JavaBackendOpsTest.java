package org.specsoc.compute.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.AdamSettings;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;

/** Every non-GEMM operation of the java backend against the oracle, on shapes that fit no vector width. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaBackendOpsTest {
    private BackendPair pair;

    @BeforeAll
    void start() {
        pair = new BackendPair(3, 7);
    }

    @AfterAll
    void stop() {
        pair.close();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationAndItsBackward(Activation act) {
        var x = pair.same(93, 300, -6, 6);
        var y = pair.zeros(93, 300);
        pair.java.activation(act, x.java(), y.java());
        pair.ref.activation(act, x.ref(), y.ref());
        pair.assertClose(y, act + " forward");
        var dy = pair.same(93, 300, -1, 1);
        var dx = pair.zeros(93, 300);
        // feed the same y to both, so the derivative's branches agree exactly
        var ySame = pair.same(93, 300, pair.java.download(y.java()));
        pair.java.activationBackward(act, ySame.java(), dy.java(), dx.java());
        pair.ref.activationBackward(act, ySame.ref(), dy.ref(), dx.ref());
        pair.assertClose(dx, act + " backward");
        // in place (y aliases x; dx aliases dy)
        pair.java.activation(act, x.java(), x.java());
        pair.ref.activation(act, x.ref(), x.ref());
        pair.assertClose(x, act + " in place");
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "7, 93", "300, 93", "2, 2136"})
    void softmaxAndItsBackward(int m, int n) {
        var x = pair.same(m, n, -20, 20);
        var y = pair.zeros(m, n);
        pair.java.softmax(x.java(), y.java());
        pair.ref.softmax(x.ref(), y.ref());
        pair.assertClose(y, "softmax");
        var ySame = pair.same(m, n, pair.java.download(y.java()));
        var dy = pair.same(m, n, -1, 1);
        var dx = pair.zeros(m, n);
        pair.java.softmaxBackward(ySame.java(), dy.java(), dx.java());
        pair.ref.softmaxBackward(ySame.ref(), dy.ref(), dx.ref());
        pair.assertClose(dx, "softmax backward");
    }

    @Test
    void expIsWithinOneMillionthRelative() {
        for (float x = -87f; x <= 88f; x += 0.01373f) {
            double exact = Math.exp(x);
            assertThat(Math.abs(VectorMath.exp(x) - exact) / exact).as("exp(%s)", x).isLessThan(1e-6);
        }
        assertThat(VectorMath.exp(-200f)).isZero();
        assertThat(VectorMath.exp(200f)).isInfinite();
        float[] xs = pair.randomValues(4 * VectorMath.L, -80, 80);
        float[] viaVector = new float[xs.length];
        for (int i = 0; i < xs.length; i += VectorMath.L) {
            VectorMath.exp(jdk.incubator.vector.FloatVector.fromArray(VectorMath.S, xs, i)).intoArray(viaVector, i);
        }
        for (int i = 0; i < xs.length; i++) {
            assertThat(viaVector[i]).as("vector and scalar exp agree bit for bit").isEqualTo(VectorMath.exp(xs[i]));
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 7", "93, 300", "300, 2136"})
    void columnSums(int m, int n) {
        var x = pair.same(m, n, -1, 1);
        var out = pair.same(1, n, -1, 1);
        pair.java.columnSums(x.java(), out.java(), true);
        pair.ref.columnSums(x.ref(), out.ref(), true);
        pair.assertClose(out, "column sums, accumulated");
        pair.java.columnSums(x.java(), out.java(), false);
        pair.ref.columnSums(x.ref(), out.ref(), false);
        pair.assertClose(out, "column sums");
    }

    @ParameterizedTest
    @CsvSource({"TRAINING, IDENTITY, 300, 93", "TRAINING, RELU, 7, 2136", "INFERENCE, LEAKY_RELU, 93, 37",
        "BATCH_STATISTICS, SIGMOID, 300, 7", "TRAINING, LEAKY_RELU_SIGMOID, 7, 1"})
    void batchNormForwardAndBackward(BatchNormMode mode, Activation act, int m, int n) {
        var x = pair.same(m, n, -3, 5);
        var gamma = pair.same(1, n, 0.5f, 1.5f);
        var beta = pair.same(1, n, -0.5f, 0.5f);
        var runMean = pair.same(1, n, -0.2f, 0.2f);
        var runVar = pair.same(1, n, 0.5f, 2f);
        var saveMean = pair.zeros(1, n);
        var saveInv = pair.zeros(1, n);
        var y = pair.zeros(m, n);
        pair.java.batchNorm(mode, x.java(), gamma.java(), beta.java(), runMean.java(), runVar.java(), 0.1f, 1e-5f,
                saveMean.java(), saveInv.java(), act, y.java());
        pair.ref.batchNorm(mode, x.ref(), gamma.ref(), beta.ref(), runMean.ref(), runVar.ref(), 0.1f, 1e-5f,
                saveMean.ref(), saveInv.ref(), act, y.ref());
        pair.assertClose(y, "BN " + mode + " y");
        pair.assertClose(saveMean, "BN mean");
        pair.assertClose(saveInv, "BN invStd");
        pair.assertClose(runMean, "BN running mean");
        pair.assertClose(runVar, "BN running var");
        if (mode == BatchNormMode.INFERENCE) {
            return;
        }
        var ySame = pair.same(m, n, pair.java.download(y.java()));
        var dy = pair.same(m, n, -1, 1);
        var dx = pair.zeros(m, n);
        var dGamma = pair.same(1, n, -1, 1);
        var dBeta = pair.same(1, n, -1, 1);
        pair.java.batchNormBackward(x.java(), ySame.java(), dy.java(), act, gamma.java(), saveMean.java(),
                saveInv.java(), dx.java(), dGamma.java(), dBeta.java());
        pair.ref.batchNormBackward(x.ref(), ySame.ref(), dy.ref(), act, gamma.ref(), saveMean.ref(), saveInv.ref(),
                dx.ref(), dGamma.ref(), dBeta.ref());
        pair.assertClose(dx, "BN dx");
        pair.assertClose(dGamma, "BN dGamma (accumulated)");
        pair.assertClose(dBeta, "BN dBeta (accumulated)");
        // the input layer passes no dx
        pair.java.batchNormBackward(x.java(), ySame.java(), dy.java(), act, gamma.java(), saveMean.java(),
                saveInv.java(), null, dGamma.java(), dBeta.java());
        pair.ref.batchNormBackward(x.ref(), ySame.ref(), dy.ref(), act, gamma.ref(), saveMean.ref(), saveInv.ref(),
                null, dGamma.ref(), dBeta.ref());
        pair.assertClose(dGamma, "BN dGamma without dx");
    }

    @Test
    void squaredErrorColumnSkipsUnlabelledRows() {
        int m = 93;
        int n = 7;
        var pred = pair.same(m, n, -1, 1);
        float[] t = pair.randomValues(m, 0, 1);
        for (int i = 0; i < m; i += 5) {
            t[i] = Float.NaN;
        }
        var target = pair.same(m, 1, t);
        var grad = pair.same(m, n, 5, 6);
        double sj = pair.java.squaredErrorColumn(pred.java(), 3, target.java(), 0.25f, grad.java());
        double sr = pair.ref.squaredErrorColumn(pred.ref(), 3, target.ref(), 0.25f, grad.ref());
        BackendPair.assertClose(sj, sr, "squared error column");
        pair.assertClose(grad, "squared error column gradient");
        assertThat(pair.java.squaredErrorColumn(pred.java(), 3, target.java(), 1f, null)).isEqualTo(sj);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "300, 2136", "93, 7"})
    void squaredErrorAndRowMeans(int m, int n) {
        var pred = pair.same(m, n, -1, 1);
        var target = pair.same(m, n, -1, 1);
        var grad = pair.same(m, n, -1, 1);
        BackendPair.assertClose(pair.java.squaredError(pred.java(), target.java(), 0.5f, grad.java(), true),
                pair.ref.squaredError(pred.ref(), target.ref(), 0.5f, grad.ref(), true), "squared error");
        pair.assertClose(grad, "squared error gradient, accumulated");
        BackendPair.assertClose(pair.java.squaredError(pred.java(), target.java(), 3f, grad.java(), false),
                pair.ref.squaredError(pred.ref(), target.ref(), 3f, grad.ref(), false), "squared error");
        pair.assertClose(grad, "squared error gradient");
        var rows = pair.zeros(m, 1);
        pair.java.rowMeanSquaredError(pred.java(), target.java(), rows.java());
        pair.ref.rowMeanSquaredError(pred.ref(), target.ref(), rows.ref());
        pair.assertClose(rows, "row mean squared error");
    }

    @Test
    void scaleAxpyFillCopyGather() {
        int m = 300;
        int n = 93;
        var x = pair.same(m, n, -1, 1);
        var y = pair.same(m, n, -1, 1);
        pair.java.scale(x.java(), -0.3f);
        pair.ref.scale(x.ref(), -0.3f);
        pair.assertClose(x, "scale");
        pair.java.axpy(1.7f, x.java(), y.java());
        pair.ref.axpy(1.7f, x.ref(), y.ref());
        pair.assertClose(y, "axpy");
        var c = pair.zeros(m, n);
        pair.java.copy(y.java(), c.java());
        pair.ref.copy(y.ref(), c.ref());
        pair.assertClose(c, "copy");
        int[] rows = {299, 0, 7, 7, 150};
        var g = pair.zeros(rows.length, n);
        pair.java.gatherRows(y.java(), rows, g.java());
        pair.ref.gatherRows(y.ref(), rows, g.ref());
        pair.assertClose(g, "gatherRows");
        pair.java.fill(c.java(), 2.5f);
        assertThat(pair.java.download(c.java())).containsOnly(2.5f);
        assertThatThrownBy(() -> pair.java.gatherRows(y.java(), new int[] {300}, pair.java.allocate(1, n)))
                .hasMessageContaining("row index 300");
    }

    @Test
    void adamOverAFlatBufferAndItsViews() {
        int size = 2136 * 7 + 93;
        var params = pair.same(1, size, -1, 1);
        var m = pair.zeros(1, size);
        var v = pair.zeros(1, size);
        AdamSettings s = new AdamSettings(1e-2f, 0.9f, 0.999f, 1e-8f);
        for (int step = 1; step <= 3; step++) {
            var grads = pair.same(1, size, -1, 1);
            pair.java.adam(params.java(), grads.java(), m.java(), v.java(), s, step);
            pair.ref.adam(params.ref(), grads.ref(), m.ref(), v.ref(), s, step);
        }
        pair.assertClose(params, "adam params");
        pair.assertClose(m, "adam m");
        pair.assertClose(v, "adam v");
        // a view: only the window moves
        Buffer pv = pair.java.view(params.java(), 93, 7, 2136);
        Buffer gv = pair.java.view(pair.java.allocate(pair.randomValues(size, -1, 1), 1, size), 93, 7, 2136);
        float[] before = pair.java.download(params.java());
        pair.java.adam(pv, gv, pair.java.allocate(7, 2136), pair.java.allocate(7, 2136), AdamSettings.authors(), 1);
        float[] after = pair.java.download(params.java());
        assertThat(after[92]).isEqualTo(before[92]);
        assertThat(after[93]).isNotEqualTo(before[93]);
    }

    @Test
    void uniformDrawsTheSpecifiedCounterBasedValues() {
        Buffer b = pair.java.allocate(7, 93);
        pair.java.uniform(b, -0.5f, 0.5f, 1234L);
        float[] v = pair.java.download(b);
        for (int i = 0; i < v.length; i++) {
            assertThat(v[i]).isEqualTo(ComputeBackend.uniformValue(-0.5f, 0.5f, 1234L, i));
        }
        for (float x : v) {
            assertThat(x).isBetween(-0.5f, 0.5f);
        }
    }

    @Test
    void viewsOutsideTheParentAreRefused() {
        Buffer p = pair.java.allocate(3, 3);
        assertThatThrownBy(() -> pair.java.view(p, 5, 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        Buffer inner = pair.java.view(p, 2, 1, 7);
        pair.java.upload(new float[] {1, 2, 3, 4, 5, 6, 7}, inner);
        assertThat(pair.java.download(p)).containsExactly(0, 0, 1, 2, 3, 4, 5, 6, 7);
    }
}
