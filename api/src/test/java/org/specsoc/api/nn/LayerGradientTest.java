package org.specsoc.api.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.api.testing.GradientCheck;

/** Finite-difference checks of every layer and of a whole stack, in double precision. */
class LayerGradientTest {
    private static final int BATCH = 6;
    private final ReferenceBackend backend = new ReferenceBackend();

    /** Binds {@code layer}, runs loss = sum(y * r) and checks parameter and input gradients. */
    private void check(Layer layer, long seed) {
        int pc = layer.parameterCount();
        int sc = layer.stateCount();
        Buffer params = pc == 0 ? null : backend.allocate(1, pc);
        Buffer grads = pc == 0 ? null : backend.allocate(1, pc);
        Buffer state = sc == 0 ? null : backend.allocate(1, sc);
        layer.bind(backend, params, grads, state);
        layer.initialise(seed);
        if (params != null) {
            // Move away from gamma = 1, beta = 0 so that the affine part of BatchNorm is tested too.
            float[] p = backend.download(params);
            float[] noise = GradientCheck.randomValues(pc, -0.3, 0.3, seed + 1);
            for (int i = 0; i < pc; i++) {
                p[i] += noise[i];
            }
            backend.upload(p, params);
        }
        Buffer x = backend.allocate(GradientCheck.randomValues(BATCH * layer.inputs(), -1, 1, seed + 2), BATCH,
                layer.inputs());
        double[] r = toDouble(GradientCheck.randomValues(BATCH * layer.outputs(), -1, 1, seed + 3));
        DoubleSupplier loss = () -> dot(backend.values(layer.forward(x, BatchNormMode.BATCH_STATISTICS)), r);

        layer.forward(x, BatchNormMode.TRAINING);
        Buffer dOut = backend.allocate(BATCH, layer.outputs());
        backend.upload(toFloat(r), dOut);
        Buffer dx = layer.backward(dOut, true);
        double[] dxValues = backend.values(dx);
        if (params != null) {
            double[] analytic = backend.values(grads);
            List<GradientCheck.Mismatch> bad = GradientCheck.compare(backend, params, analytic, loss, 200, seed, 1e-4,
                    1e-4, 1e-6);
            assertThat(bad).as("parameter gradient mismatches").isEmpty();
            assertThat(maxAbs(analytic)).as("parameter gradients are not all zero").isGreaterThan(1e-3);
        }
        List<GradientCheck.Mismatch> badX = GradientCheck.compare(backend, x, dxValues, loss, 200, seed, 1e-4, 1e-4,
                1e-6);
        assertThat(badX).as("input gradient mismatches").isEmpty();
    }

    @Test
    void linearWithEachActivation() {
        for (Activation act : Activation.values()) {
            check(new Linear(5, 4, act), 11 + act.ordinal());
        }
    }

    @Test
    void batchNormWithAndWithoutRelu() {
        check(new BatchNorm1d(5, Activation.IDENTITY), 21);
        check(new BatchNorm1d(5, Activation.RELU), 22);
    }

    @Test
    void softmaxAndStandaloneActivation() {
        check(new Softmax(7), 31);
        check(new ActivationLayer(7, Activation.LEAKY_RELU), 32);
        check(new ActivationLayer(7, Activation.SIGMOID), 33);
    }

    @Test
    void wholeMlpStackWithSoftmax() {
        var layers = new java.util.ArrayList<>(MlpStack.layers(9, 8, 3, 5, Activation.LEAKY_RELU));
        layers.add(new Softmax(5));
        check(new Sequential(layers), 41);
    }

    @Test
    void parameterFormulaMatchesTheLayers() {
        var seq = new Sequential(MlpStack.layers(13, 7, 4, 3, Activation.LEAKY_RELU));
        assertThat((long) seq.parameterCount()).isEqualTo(MlpStack.parameterCount(13, 7, 4, 3));
        assertThat(seq.stateCount()).isEqualTo(2 * 13 + 4 * 2 * 7);
        assertThat(seq.tensors().get(0).name()).isEqualTo("0.weight");
    }

    @Test
    void sameSeedSameInitialisationDifferentSeedDifferent() {
        float[] a = init(5);
        assertThat(init(5)).containsExactly(a);
        assertThat(init(6)).isNotEqualTo(a);
    }

    private float[] init(long seed) {
        var seq = new Sequential(MlpStack.layers(6, 5, 2, 3, Activation.LEAKY_RELU));
        Buffer p = backend.allocate(1, seq.parameterCount());
        seq.bind(backend, p, backend.allocate(1, seq.parameterCount()), backend.allocate(1, seq.stateCount()));
        seq.initialise(seed);
        return backend.download(p);
    }

    @Test
    void linearInitialisationStaysWithinPyTorchBound() {
        var lin = new Linear(16, 3, Activation.IDENTITY);
        Buffer p = backend.allocate(1, lin.parameterCount());
        lin.bind(backend, p, backend.allocate(1, lin.parameterCount()), null);
        lin.initialise(3);
        float[] v = backend.download(p);
        for (float f : v) {
            assertThat(Math.abs(f)).isLessThanOrEqualTo(0.25f);
        }
        assertThat(maxAbs(toDouble(v))).isGreaterThan(0.15);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
