package org.specsoc.compute.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.GemmLayout;

/** GEMM of the java backend against the oracle: every layout, bias or not, every activation, accumulate. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaBackendGemmTest {
    private BackendPair pair;

    @BeforeAll
    void start() {
        pair = new BackendPair(2, 42);
    }

    @AfterAll
    void stop() {
        pair.close();
    }

    /** Shapes (m, k, n) from 1, 7, 93, 300, 2136: none is a multiple of a tile (4 rows, 2 vectors, 256 deep). */
    static Stream<Arguments> shapes() {
        int[][] mkn = {{1, 1, 1}, {7, 93, 300}, {93, 7, 1}, {300, 93, 7}, {1, 300, 93}, {7, 2136, 93},
            {300, 2136, 93}, {93, 300, 2136}};
        var args = new ArrayList<Arguments>();
        for (GemmLayout layout : GemmLayout.values()) {
            for (int[] s : mkn) {
                args.add(Arguments.of(layout, s[0], s[1], s[2]));
            }
        }
        return args.stream();
    }

    private BackendPair.Pair a(GemmLayout layout, int m, int k) {
        return layout == GemmLayout.TN ? pair.same(k, m, -1, 1) : pair.same(m, k, -1, 1);
    }

    private BackendPair.Pair b(GemmLayout layout, int k, int n) {
        return layout == GemmLayout.NT ? pair.same(n, k, -1, 1) : pair.same(k, n, -1, 1);
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("shapes")
    void productWithAndWithoutBias(GemmLayout layout, int m, int k, int n) {
        var a = a(layout, m, k);
        var b = b(layout, k, n);
        var bias = pair.same(1, n, -2, 2);
        var plain = pair.zeros(m, n);
        var biased = pair.zeros(m, n);
        pair.java.gemm(layout, a.java(), b.java(), plain.java(), null, Activation.IDENTITY, false);
        pair.ref.gemm(layout, a.ref(), b.ref(), plain.ref(), null, Activation.IDENTITY, false);
        pair.assertClose(plain, layout + " no bias");
        pair.java.gemm(layout, a.java(), b.java(), biased.java(), bias.java(), Activation.IDENTITY, false);
        pair.ref.gemm(layout, a.ref(), b.ref(), biased.ref(), bias.ref(), Activation.IDENTITY, false);
        pair.assertClose(biased, layout + " with bias");
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationInTheEpilogue(Activation act) {
        for (GemmLayout layout : GemmLayout.values()) {
            int m = 93;
            int k = 300;
            int n = 37;
            var a = a(layout, m, k);
            var b = b(layout, k, n);
            var bias = pair.same(1, n, -2, 2);
            var c = pair.zeros(m, n);
            pair.java.gemm(layout, a.java(), b.java(), c.java(), bias.java(), act, false);
            pair.ref.gemm(layout, a.ref(), b.ref(), c.ref(), bias.ref(), act, false);
            pair.assertClose(c, layout + " " + act);
            // both signs must occur for the activation to be exercised on both branches
            float[] out = pair.java.download(c.java());
            if (act == Activation.RELU) {
                assertThat(out).contains(0f);
                assertThat(max(out)).isPositive();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GemmLayout.class)
    void accumulateAddsToWhatIsThere(GemmLayout layout) {
        int m = 300;
        int k = 7;
        int n = 93;
        var a = a(layout, m, k);
        var b = b(layout, k, n);
        var c = pair.same(m, n, -5, 5);
        pair.java.gemm(layout, a.java(), b.java(), c.java(), null, Activation.IDENTITY, true);
        pair.ref.gemm(layout, a.ref(), b.ref(), c.ref(), null, Activation.IDENTITY, true);
        pair.assertClose(c, layout + " accumulate");
    }

    @Test
    void accumulateOverSeveralDepthBlocks() {
        // k = 2136 is 8 blocks of 256 and a remainder: the block partial sums are added to C in order
        var a = a(GemmLayout.TN, 7, 2136);
        var b = b(GemmLayout.TN, 2136, 93);
        var c = pair.same(7, 93, -1, 1);
        pair.java.gemm(GemmLayout.TN, a.java(), b.java(), c.java(), null, Activation.IDENTITY, true);
        pair.ref.gemm(GemmLayout.TN, a.ref(), b.ref(), c.ref(), null, Activation.IDENTITY, true);
        pair.assertClose(c, "TN accumulate k=2136");
    }

    @Test
    void operandsMayBeViewsIntoOneFlatBuffer() {
        // weights and bias inside a flat parameter buffer at odd offsets, as layers keep them
        int m = 93;
        int k = 7;
        int n = 300;
        int wOffset = 3;
        int bOffset = wOffset + k * n + 5;
        float[] flat = pair.randomValues(bOffset + n + 2, -1, 1);
        var params = pair.same(1, flat.length, flat);
        Buffer wj = pair.java.view(params.java(), wOffset, k, n);
        Buffer bj = pair.java.view(params.java(), bOffset, 1, n);
        Buffer wr = pair.ref.view(params.ref(), wOffset, k, n);
        Buffer br = pair.ref.view(params.ref(), bOffset, 1, n);
        var xBig = pair.same(m + 2, k, -1, 1);
        Buffer xj = pair.java.view(xBig.java(), k, m, k);
        Buffer xr = pair.ref.view(xBig.ref(), k, m, k);
        var outBig = pair.zeros(2, m * n + 11);
        Buffer yj = pair.java.view(outBig.java(), 11, m, n);
        Buffer yr = pair.ref.view(outBig.ref(), 11, m, n);
        pair.java.gemm(GemmLayout.NN, xj, wj, yj, bj, Activation.LEAKY_RELU, false);
        pair.ref.gemm(GemmLayout.NN, xr, wr, yr, br, Activation.LEAKY_RELU, false);
        pair.assertClose(outBig, "views");
        assertThat(pair.java.download(outBig.java())[10]).isZero();
    }

    @Test
    void rejectsMismatchedShapesAndAliasing() {
        Buffer a = pair.java.allocate(3, 4);
        Buffer b = pair.java.allocate(5, 6);
        Buffer c = pair.java.allocate(3, 6);
        assertThatThrownBy(() -> pair.java.gemm(GemmLayout.NN, a, b, c, null, Activation.IDENTITY, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shapes do not agree");
        Buffer sq = pair.java.allocate(4, 4);
        assertThatThrownBy(() -> pair.java.gemm(GemmLayout.NN, sq, sq, sq, null, Activation.IDENTITY, false))
                .hasMessageContaining("alias");
        Buffer foreign = pair.ref.allocate(4, 4);
        assertThatThrownBy(() -> pair.java.gemm(GemmLayout.NN, foreign, sq, c, null, Activation.IDENTITY, false))
                .hasMessageContaining("does not belong");
        assertThatThrownBy(() -> pair.java.gemm(GemmLayout.NN, sq, sq, pair.java.allocate(4, 4),
                pair.java.allocate(1, 4), Activation.RELU, true)).hasMessageContaining("accumulate");
    }

    @Test
    void emptyDepthGivesTheActivatedBias() {
        var a = pair.zeros(7, 0);
        var b = pair.zeros(0, 5);
        var bias = pair.same(1, 5, -1, 1);
        var c = pair.same(7, 5, 3, 4);
        pair.java.gemm(GemmLayout.NN, a.java(), b.java(), c.java(), bias.java(), Activation.SIGMOID, false);
        pair.ref.gemm(GemmLayout.NN, a.ref(), b.ref(), c.ref(), bias.ref(), Activation.SIGMOID, false);
        pair.assertClose(c, "k = 0");
    }

    private static float max(float[] v) {
        float m = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
