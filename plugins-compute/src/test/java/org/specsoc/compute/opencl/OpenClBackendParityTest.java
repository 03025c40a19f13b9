package org.specsoc.compute.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.AdamSettings;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.GemmLayout;
import org.specsoc.api.compute.ReferenceBackend;

/**
 * Every operation of the opencl backend against the double-precision oracle, on shapes that are multiples of no
 * tile size (1, 7, 93, 300, 2136). Error measure: max |opencl - reference| &lt;= 1e-4 * max |reference| (relative to
 * the result's scale, so that entries that cancel to near zero do not dominate). Each test also checks that the
 * work was launched on the OpenCL device (the backend itself throws when Aparapi falls back to Java threads).
 */
class OpenClBackendParityTest {

    private static final double TOLERANCE = 1e-4;
    private static OpenClBackend cl;
    private ReferenceBackend ref;
    private SplittableRandom random;
    private long launchesBefore;
    private final List<Buffer> made = new ArrayList<>();

    @BeforeAll
    static void start() {
        cl = OpenClTestDevice.backend();
    }

    @AfterAll
    static void stop() {
        if (cl != null) {
            cl.close();
        }
    }

    @BeforeEach
    void fresh() {
        ref = new ReferenceBackend();
        random = new SplittableRandom(42);
        launchesBefore = cl.launches();
    }

    /** The same random matrix in both backends. */
    private record Pair(Buffer cl, Buffer ref, float[] data) {
    }

    private Pair pair(int rows, int cols, float low, float high) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return new Pair(track(cl.allocate(v, rows, cols)), ref.allocate(v, rows, cols), v);
    }

    private Pair zeros(int rows, int cols) {
        return new Pair(track(cl.allocate(rows, cols)), ref.allocate(rows, cols), new float[rows * cols]);
    }

    private Buffer track(Buffer b) {
        made.add(b);
        return b;
    }

    @AfterEach
    void releaseBuffers() {
        made.forEach(cl::release);
        made.clear();
    }

    private void assertClose(Pair p, String what) {
        float[] got = cl.download(p.cl());
        double[] want = ref.values(p.ref());
        assertThat(got).hasSize(want.length);
        double scale = 0;
        double worst = 0;
        int at = -1;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            double d = Math.abs(got[i] - want[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        double bound = TOLERANCE * Math.max(scale, 1e-30);
        assertThat(worst).as("%s: worst error at %d (opencl %s, reference %s), scale %s", what, at,
                at >= 0 ? got[at] : 0, at >= 0 ? want[at] : 0, scale).isLessThanOrEqualTo(bound);
        assertThat(cl.launches()).as("kernels launched on the OpenCL device").isGreaterThan(launchesBefore);
        assertThat(cl.runsInOpenCl()).as("Aparapi's target is still the OpenCL device").isTrue();
    }

    // ---- GEMM --------------------------------------------------------------------------------------

    static Stream<Arguments> gemmShapes() {
        int[][] shapes = {{1, 1, 1}, {7, 93, 1}, {93, 7, 300}, {300, 93, 7}, {1, 2136, 7}, {7, 300, 2136},
                {300, 2136, 93}};
        Activation[] acts = Activation.values();
        var out = new ArrayList<Arguments>();
        int i = 0;
        for (GemmLayout layout : GemmLayout.values()) {
            for (int[] s : shapes) {
                out.add(Arguments.of(layout, s[0], s[1], s[2], acts[i++ % acts.length]));
            }
        }
        // the encoder's weight-gradient shape: dW (2136 x 93) = X^T (2136 x 300) . dY (300 x 93)
        out.add(Arguments.of(GemmLayout.TN, 2136, 300, 93, Activation.IDENTITY));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} m={1} k={2} n={3} {4}")
    @MethodSource("gemmShapes")
    void gemmWithBiasAndActivation(GemmLayout layout, int m, int k, int n, Activation act) {
        Pair a = layout == GemmLayout.TN ? pair(k, m, -1, 1) : pair(m, k, -1, 1);
        Pair b = layout == GemmLayout.NT ? pair(n, k, -1, 1) : pair(k, n, -1, 1);
        Pair bias = pair(1, n, -0.5f, 0.5f);
        Pair c = zeros(m, n);
        cl.gemm(layout, a.cl(), b.cl(), c.cl(), bias.cl(), act, false);
        ref.gemm(layout, a.ref(), b.ref(), c.ref(), bias.ref(), act, false);
        assertClose(c, "gemm " + layout);
    }

    @ParameterizedTest
    @EnumSource(GemmLayout.class)
    void gemmAccumulatesAndRunsWithoutBias(GemmLayout layout) {
        int m = 93;
        int k = 300;
        int n = 7;
        Pair a = layout == GemmLayout.TN ? pair(k, m, -1, 1) : pair(m, k, -1, 1);
        Pair b = layout == GemmLayout.NT ? pair(n, k, -1, 1) : pair(k, n, -1, 1);
        Pair c = pair(m, n, -2, 2);
        cl.gemm(layout, a.cl(), b.cl(), c.cl(), null, Activation.IDENTITY, true);
        ref.gemm(layout, a.ref(), b.ref(), c.ref(), null, Activation.IDENTITY, true);
        assertClose(c, "gemm accumulate " + layout);
        cl.gemm(layout, a.cl(), b.cl(), c.cl(), null, Activation.RELU, false);
        ref.gemm(layout, a.ref(), b.ref(), c.ref(), null, Activation.RELU, false);
        assertClose(c, "gemm no bias " + layout);
    }

    @Test
    void gemmOnViewsOfOneFlatParameterBuffer() {
        // weights and bias as views of one flat buffer, as layers keep them for Adam
        Pair flat = pair(1, 93 * 7 + 7 + 3, -1, 1);
        Buffer wCl = cl.view(flat.cl(), 3, 93, 7);
        Buffer wRef = ref.view(flat.ref(), 3, 93, 7);
        Buffer bCl = cl.view(flat.cl(), 3 + 93 * 7, 1, 7);
        Buffer bRef = ref.view(flat.ref(), 3 + 93 * 7, 1, 7);
        Pair x = pair(300, 93, -1, 1);
        Pair y = zeros(300, 7);
        cl.gemm(GemmLayout.NN, x.cl(), wCl, y.cl(), bCl, Activation.LEAKY_RELU, false);
        ref.gemm(GemmLayout.NN, x.ref(), wRef, y.ref(), bRef, Activation.LEAKY_RELU, false);
        assertClose(y, "gemm on views");
    }

    // ---- element-wise and row/column ops -----------------------------------------------------------

    static Stream<Arguments> matrices() {
        return Stream.of(Arguments.of(1, 1), Arguments.of(7, 93), Arguments.of(93, 7), Arguments.of(300, 93),
                Arguments.of(300, 2136), Arguments.of(2136, 7));
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("matrices")
    void fillCopyScaleAxpy(int rows, int cols) {
        Pair x = pair(rows, cols, -3, 3);
        Pair y = pair(rows, cols, -3, 3);
        Pair z = zeros(rows, cols);
        cl.copy(x.cl(), z.cl());
        ref.copy(x.ref(), z.ref());
        assertClose(z, "copy");
        cl.scale(z.cl(), -0.75f);
        ref.scale(z.ref(), -0.75f);
        assertClose(z, "scale");
        cl.axpy(1.5f, x.cl(), y.cl());
        ref.axpy(1.5f, x.ref(), y.ref());
        assertClose(y, "axpy");
        cl.fill(x.cl(), 0.25f);
        ref.fill(x.ref(), 0.25f);
        assertClose(x, "fill");
        assertThat(cl.download(x.cl())).containsOnly(0.25f);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("matrices")
    void columnSums(int rows, int cols) {
        Pair x = pair(rows, cols, -1, 2);
        Pair out = pair(1, cols, -1, 1);
        cl.columnSums(x.cl(), out.cl(), true);
        ref.columnSums(x.ref(), out.ref(), true);
        assertClose(out, "columnSums accumulate");
        cl.columnSums(x.cl(), out.cl(), false);
        ref.columnSums(x.ref(), out.ref(), false);
        assertClose(out, "columnSums");
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationsForwardAndBackward(Activation act) {
        for (int[] s : new int[][] {{1, 1}, {7, 93}, {300, 2136}}) {
            Pair x = pair(s[0], s[1], -6, 6);
            Pair y = zeros(s[0], s[1]);
            cl.activation(act, x.cl(), y.cl());
            ref.activation(act, x.ref(), y.ref());
            assertClose(y, act + " forward");
            Pair dy = pair(s[0], s[1], -1, 1);
            Pair dx = zeros(s[0], s[1]);
            cl.activationBackward(act, y.cl(), dy.cl(), dx.cl());
            ref.activationBackward(act, y.ref(), dy.ref(), dx.ref());
            assertClose(dx, act + " backward");
            // in place: y = act(y), dx aliases dy
            cl.activation(act, x.cl(), x.cl());
            ref.activation(act, x.ref(), x.ref());
            assertClose(x, act + " in place");
            cl.activationBackward(act, y.cl(), dy.cl(), dy.cl());
            ref.activationBackward(act, y.ref(), dy.ref(), dy.ref());
            assertClose(dy, act + " backward in place");
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("matrices")
    void softmaxForwardAndBackward(int rows, int cols) {
        Pair x = pair(rows, cols, -8, 8);
        Pair y = zeros(rows, cols);
        cl.softmax(x.cl(), y.cl());
        ref.softmax(x.ref(), y.ref());
        assertClose(y, "softmax");
        Pair dy = pair(rows, cols, -1, 1);
        Pair dx = zeros(rows, cols);
        cl.softmaxBackward(y.cl(), dy.cl(), dx.cl());
        ref.softmaxBackward(y.ref(), dy.ref(), dx.ref());
        assertClose(dx, "softmax backward");
        cl.softmax(x.cl(), x.cl());
        ref.softmax(x.ref(), x.ref());
        assertClose(x, "softmax in place");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("matrices")
    void gatherRows(int rows, int cols) {
        Pair src = pair(rows, cols, -1, 1);
        int take = Math.min(rows, 300);
        int[] order = new int[take + 2];
        for (int i = 0; i < order.length; i++) {
            order[i] = random.nextInt(rows);
        }
        Pair dst = zeros(take, cols);
        cl.gatherRows(src.cl(), order, dst.cl());
        ref.gatherRows(src.ref(), order, dst.ref());
        assertClose(dst, "gatherRows");
    }

    // ---- BatchNorm ---------------------------------------------------------------------------------

    static Stream<Arguments> batchNormCases() {
        var out = new ArrayList<Arguments>();
        int[][] shapes = {{1, 7}, {7, 93}, {300, 93}, {300, 2136}, {93, 1}};
        int i = 0;
        Activation[] acts = Activation.values();
        for (BatchNormMode mode : BatchNormMode.values()) {
            for (int[] s : shapes) {
                if (mode != BatchNormMode.TRAINING && s[1] == 2136) {
                    continue; // the large shape once is enough on pocl
                }
                out.add(Arguments.of(mode, s[0], s[1], acts[i++ % acts.length]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2} {3}")
    @MethodSource("batchNormCases")
    void batchNormForwardAndBackward(BatchNormMode mode, int m, int n, Activation act) {
        Pair x = pair(m, n, -2, 3);
        Pair gamma = pair(1, n, 0.5f, 1.5f);
        Pair beta = pair(1, n, -0.5f, 0.5f);
        Pair runMean = pair(1, n, -0.1f, 0.1f);
        Pair runVar = pair(1, n, 0.5f, 1.5f);
        Pair saveMean = zeros(1, n);
        Pair saveInv = zeros(1, n);
        Pair y = zeros(m, n);
        cl.batchNorm(mode, x.cl(), gamma.cl(), beta.cl(), runMean.cl(), runVar.cl(), 0.1f, 1e-5f, saveMean.cl(),
                saveInv.cl(), act, y.cl());
        ref.batchNorm(mode, x.ref(), gamma.ref(), beta.ref(), runMean.ref(), runVar.ref(), 0.1f, 1e-5f,
                saveMean.ref(), saveInv.ref(), act, y.ref());
        assertClose(y, "batchNorm y");
        assertClose(saveMean, "batchNorm saveMean");
        assertClose(saveInv, "batchNorm saveInvStd");
        assertClose(runMean, "batchNorm runningMean");
        assertClose(runVar, "batchNorm runningVar");

        Pair dy = pair(m, n, -1, 1);
        Pair dx = zeros(m, n);
        Pair dGamma = pair(1, n, -1, 1);
        Pair dBeta = pair(1, n, -1, 1);
        cl.batchNormBackward(x.cl(), y.cl(), dy.cl(), act, gamma.cl(), saveMean.cl(), saveInv.cl(), dx.cl(),
                dGamma.cl(), dBeta.cl());
        ref.batchNormBackward(x.ref(), y.ref(), dy.ref(), act, gamma.ref(), saveMean.ref(), saveInv.ref(), dx.ref(),
                dGamma.ref(), dBeta.ref());
        assertClose(dx, "batchNorm dx");
        assertClose(dGamma, "batchNorm dGamma");
        assertClose(dBeta, "batchNorm dBeta");
        // the input layer needs no dx
        cl.batchNormBackward(x.cl(), y.cl(), dy.cl(), act, gamma.cl(), saveMean.cl(), saveInv.cl(), null,
                dGamma.cl(), dBeta.cl());
        ref.batchNormBackward(x.ref(), y.ref(), dy.ref(), act, gamma.ref(), saveMean.ref(), saveInv.ref(), null,
                dGamma.ref(), dBeta.ref());
        assertClose(dGamma, "batchNorm dGamma without dx");
        assertClose(dBeta, "batchNorm dBeta without dx");
    }

    // ---- losses ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("matrices")
    void squaredErrorColumnSkipsUnlabelledRows(int rows, int cols) {
        Pair pred = pair(rows, cols, -1, 1);
        float[] t = new float[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = i % 3 == 1 ? Float.NaN : (float) random.nextDouble();
        }
        Buffer tCl = track(cl.allocate(t, rows, 1));
        Buffer tRef = ref.allocate(t, rows, 1);
        Pair grad = pair(rows, cols, 5, 6); // stale values that must be overwritten with zeros
        int column = cols - 1;
        double got = cl.squaredErrorColumn(pred.cl(), column, tCl, 0.5f, grad.cl());
        double want = ref.squaredErrorColumn(pred.ref(), column, tRef, 0.5f, grad.ref());
        assertThat(got).isCloseTo(want, org.assertj.core.api.Assertions.within(TOLERANCE * Math.max(want, 1e-6)));
        assertClose(grad, "squaredErrorColumn grad");
        assertThat(cl.squaredErrorColumn(pred.cl(), 0, tCl, 1f, null))
                .isCloseTo(ref.squaredErrorColumn(pred.ref(), 0, tRef, 1f, null),
                        org.assertj.core.api.Assertions.within(TOLERANCE * Math.max(want, 1)));
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("matrices")
    void squaredErrorAndItsGradient(int rows, int cols) {
        Pair pred = pair(rows, cols, 0, 1);
        Pair target = pair(rows, cols, 0, 1);
        Pair grad = pair(rows, cols, -1, 1);
        double want = ref.squaredError(pred.ref(), target.ref(), 0.01f, grad.ref(), true);
        double got = cl.squaredError(pred.cl(), target.cl(), 0.01f, grad.cl(), true);
        assertThat(got).isCloseTo(want, org.assertj.core.api.Assertions.within(TOLERANCE * want));
        assertClose(grad, "squaredError grad accumulate");
        cl.squaredError(pred.cl(), target.cl(), 2f, grad.cl(), false);
        ref.squaredError(pred.ref(), target.ref(), 2f, grad.ref(), false);
        assertClose(grad, "squaredError grad");
        assertThat(cl.squaredError(pred.cl(), target.cl(), 1f, null, false))
                .isCloseTo(want, org.assertj.core.api.Assertions.within(TOLERANCE * want));
        Pair rowMse = zeros(rows, 1);
        cl.rowMeanSquaredError(pred.cl(), target.cl(), rowMse.cl());
        ref.rowMeanSquaredError(pred.ref(), target.ref(), rowMse.ref());
        assertClose(rowMse, "rowMeanSquaredError");
    }

    // ---- optimiser and initialisation --------------------------------------------------------------

    @ParameterizedTest(name = "{0} parameters")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 7, 93, 2136, 300 * 2136})
    void adamOverSeveralSteps(int size) {
        Pair p = pair(1, size, -1, 1);
        Pair m = zeros(1, size);
        Pair v = zeros(1, size);
        AdamSettings s = new AdamSettings(1e-2f, 0.9f, 0.999f, 1e-8f);
        for (int step = 1; step <= 3; step++) {
            Pair g = pair(1, size, -1, 1);
            cl.adam(p.cl(), g.cl(), m.cl(), v.cl(), s, step);
            ref.adam(p.ref(), g.ref(), m.ref(), v.ref(), s, step);
        }
        assertClose(p, "adam params");
        assertClose(m, "adam m");
        assertClose(v, "adam v");
    }

    @Test
    void uniformDrawsTheSpecifiedNumbers() {
        Pair w = zeros(93, 300);
        cl.uniform(w.cl(), -0.1f, 0.1f, 7L);
        ref.uniform(w.ref(), -0.1f, 0.1f, 7L);
        assertClose(w, "uniform");
    }

    @Test
    void uploadAndDownloadLargeBuffersThroughStagingChunksAndOffsets() {
        int size = OpenClBackend.STAGE_CAPACITY * 2 + 93;
        float[] data = new float[size + 5];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.5f;
        }
        Buffer b = cl.allocate(1, size);
        cl.upload(data, 5, b);
        float[] back = new float[size + 3];
        cl.download(b, back, 3);
        for (int i = 0; i < size; i++) {
            if (back[i + 3] != data[i + 5]) {
                throw new AssertionError("element " + i + ": " + back[i + 3] + " != " + data[i + 5]);
            }
        }
        cl.release(b);
    }
}
