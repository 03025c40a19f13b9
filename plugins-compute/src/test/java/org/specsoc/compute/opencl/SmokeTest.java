package org.specsoc.compute.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.GemmLayout;

class SmokeTest {
    @Test
    void gemm() {
        try (OpenClBackend b = OpenClTestDevice.backend()) {
            var a = b.allocate(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
            var w = b.allocate(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
            var c = b.allocate(2, 2);
            b.gemm(GemmLayout.NN, a, w, c, null, Activation.IDENTITY, false);
            assertThat(b.download(c)).containsExactly(4, 5, 10, 11);
            System.out.println(b.device());
        }
    }
}
