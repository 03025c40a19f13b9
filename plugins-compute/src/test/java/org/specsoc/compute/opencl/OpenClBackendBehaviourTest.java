package org.specsoc.compute.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aparapi.Kernel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.AdamSettings;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.GemmLayout;

/** Residency checks, OpenCL-only execution, determinism and memory reuse of the opencl backend. */
class OpenClBackendBehaviourTest {

    private static float[] random(int n, long seed) {
        var r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }

    @Test
    void runsInOpenClOnTheChosenDevice() {
        try (OpenClBackend b = OpenClTestDevice.backend()) {
            Buffer x = b.allocate(random(93 * 7, 1), 93, 7);
            Buffer w = b.allocate(random(7 * 300, 2), 7, 300);
            Buffer y = b.allocate(93, 300);
            long before = b.launches();
            b.gemm(GemmLayout.NN, x, w, y, null, Activation.RELU, false);
            assertThat(b.launches()).isEqualTo(before + 1);
            assertThat(b.runsInOpenCl()).isTrue();
            assertThat(b.device().backend()).isEqualTo("opencl");
            assertThat(b.device().details()).containsKeys("platform", "type", "computeUnits", "globalMemoryBytes");
            assertThat(b.device().device()).isNotBlank().doesNotContain("Java");
        }
    }

    @Test
    void aLaunchThatAparapiWouldRunInJavaThreadsIsRefused() {
        try (OpenClBackend b = OpenClTestDevice.backend()) {
            Buffer x = b.allocate(1, 64);
            b.forceExecutionModeForTest(Kernel.EXECUTION_MODE.JTP);
            assertThatThrownBy(() -> b.fill(x, 1f)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("fill of " + x);
        }
    }

    @Test
    void readingTheStagingArrayWithoutGetIsAStaleRead() {
        try (OpenClBackend b = OpenClTestDevice.backend()) {
            Buffer x = b.allocate(new float[] {1, 2, 3}, 1, 3);
            float[] out = new float[3];
            b.stageOut(b.offsetOf(x), 3, x.toString());
            // no getStage(): on pocl the host array may even hold the right numbers, on a GPU it would not
            assertThatThrownBy(() -> b.readStage(out, 0, 3)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("stale read of " + x)
                    .hasMessageContaining("'stage'")
                    .hasMessageContaining("no get()");
            b.getStage();
            b.readStage(out, 0, 3);
            assertThat(out).containsExactly(1, 2, 3);
        }
    }

    @Test
    void launchingOnAStagingArrayWrittenWithoutPutIsAStaleRead() {
        try (OpenClBackend b = OpenClTestDevice.backend()) {
            Buffer x = b.allocate(1, 3);
            b.writeStage(new float[] {4, 5, 6}, 0, 3, x + " [0, 3)");
            assertThatThrownBy(() -> b.stageIn(b.offsetOf(x), 3, x.toString()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("stale read of " + x + " [0, 3)")
                    .hasMessageContaining("no put()");
            b.putStage();
            b.stageIn(b.offsetOf(x), 3, x.toString());
            assertThat(b.download(x)).containsExactly(4, 5, 6);
        }
    }

    @Test
    void losingTheDeviceCopyOfTheArenaIsDetectedAtTheNextReadBack() {
        try (OpenClBackend b = OpenClTestDevice.backend()) {
            Buffer p = b.allocate(new float[] {1, 2, 3}, 1, 3);
            Buffer t = b.allocate(new float[] {1, 2, 5}, 1, 3);
            assertThat(b.squaredError(p, t, 1f, null, false)).isEqualTo(4.0);
            assertThat(b.download(p)).containsExactly(1, 2, 3);
            b.simulateStaleArenaForTest();
            assertThatThrownBy(() -> b.squaredError(p, t, 1f, null, false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("replaced by its stale host copy");
            assertThatThrownBy(() -> b.download(p)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("replaced by its stale host copy");
        }
    }

    @Test
    void theArenaGrowsWithoutLosingResidentData() {
        try (OpenClBackend b = OpenClTestDevice.backend()) {
            float[] first = random(1000, 9);
            Buffer a = b.allocate(first, 1, 1000);
            long capacity = b.arenaCapacity();
            Buffer big = b.allocate(1, (int) capacity); // forces growth
            assertThat(b.arenaCapacity()).isGreaterThan(capacity);
            assertThat(b.download(a)).containsExactly(first);
            b.fill(big, 2f);
            float[] back = b.download(big);
            assertThat(back[0]).isEqualTo(2f);
            assertThat(back[back.length - 1]).isEqualTo(2f);
            assertThat(b.squaredError(a, a, 1f, null, false)).isZero();
        }
    }

    @Test
    void aReleasedBufferCannotBeUsed() {
        try (OpenClBackend b = OpenClTestDevice.backend()) {
            Buffer x = b.allocate(2, 2);
            Buffer v = b.view(x, 1, 1, 2);
            b.release(x);
            assertThatThrownBy(() -> b.download(x)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(x + " was released");
            assertThatThrownBy(() -> b.fill(v, 0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void badShapesAreRejectedWithTheBuffersNamed() {
        try (OpenClBackend b = OpenClTestDevice.backend()) {
            Buffer a = b.allocate(3, 4);
            Buffer w = b.allocate(5, 2);
            Buffer c = b.allocate(3, 2);
            assertThatThrownBy(() -> b.gemm(GemmLayout.NN, a, w, c, null, Activation.IDENTITY, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit");
            assertThatThrownBy(() -> b.view(a, 10, 1, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    /** A training-step-like sequence; returns every result. */
    private static float[][] step(OpenClBackend b) {
        int m = 93;
        Buffer x = b.allocate(random(m * 300, 3), m, 300);
        Buffer w = b.allocate(random(300 * 7, 4), 300, 7);
        Buffer bias = b.allocate(random(7, 5), 1, 7);
        Buffer h = b.allocate(m, 7);
        Buffer gamma = b.allocate(random(7, 6), 1, 7);
        Buffer beta = b.allocate(1, 7);
        Buffer rm = b.allocate(1, 7);
        Buffer rv = b.allocate(1, 7);
        Buffer sm = b.allocate(1, 7);
        Buffer si = b.allocate(1, 7);
        Buffer y = b.allocate(m, 7);
        b.gemm(GemmLayout.NN, x, w, h, bias, Activation.IDENTITY, false);
        b.batchNorm(BatchNormMode.TRAINING, h, gamma, beta, rm, rv, 0.1f, 1e-5f, sm, si, Activation.LEAKY_RELU, y);
        Buffer target = b.allocate(random(m * 7, 7), m, 7);
        Buffer dy = b.allocate(m, 7);
        double loss = b.squaredError(y, target, 1f / m, dy, false);
        Buffer dh = b.allocate(m, 7);
        Buffer dGamma = b.allocate(1, 7);
        Buffer dBeta = b.allocate(1, 7);
        b.batchNormBackward(h, y, dy, Activation.LEAKY_RELU, gamma, sm, si, dh, dGamma, dBeta);
        Buffer dw = b.allocate(300, 7);
        b.gemm(GemmLayout.TN, x, dh, dw, null, Activation.IDENTITY, false);
        Buffer dx = b.allocate(m, 300);
        b.gemm(GemmLayout.NT, dh, w, dx, null, Activation.IDENTITY, false);
        Buffer mom = b.allocate(300, 7);
        Buffer vel = b.allocate(300, 7);
        b.adam(w, dw, mom, vel, AdamSettings.authors(), 1);
        return new float[][] {{(float) loss}, b.download(y), b.download(dw), b.download(dx), b.download(w),
                b.download(dGamma), b.download(rv)};
    }

    @Test
    void theSameCallsGiveBitIdenticalResults() {
        float[][] first;
        float[][] again;
        float[][] other;
        try (OpenClBackend b = OpenClTestDevice.backend()) {
            first = step(b);
            again = step(b);
        }
        try (OpenClBackend b = OpenClTestDevice.backend()) {
            other = step(b);
        }
        for (int i = 0; i < first.length; i++) {
            assertThat(again[i]).as("result %d, same backend", i).containsExactly(first[i]);
            assertThat(other[i]).as("result %d, new backend", i).containsExactly(first[i]);
        }
        assertThat(first[0][0]).isPositive();
    }

    @Test
    void allocateUploadGemmDownloadReleaseLoopsReuseTheArena() {
        try (OpenClBackend b = OpenClTestDevice.backend()) {
            long baseline = b.arenaUsed();
            long capacity = 0;
            for (int round = 0; round < 60; round++) {
                int m = 1 + round % 7 * 40;
                Buffer a = b.allocate(random(m * 93, round), m, 93);
                Buffer w = b.allocate(random(93 * 300, round + 1), 93, 300);
                Buffer c = b.allocate(m, 300);
                b.gemm(GemmLayout.NN, a, w, c, null, Activation.IDENTITY, false);
                assertThat(b.download(c)).hasSize(m * 300);
                b.release(c);
                b.release(w);
                b.release(a);
                assertThat(b.arenaUsed()).isEqualTo(baseline);
                if (round == 10) {
                    capacity = b.arenaCapacity();
                }
            }
            assertThat(b.arenaCapacity()).as("no growth once the loop is warm").isEqualTo(capacity);
        }
    }
}
