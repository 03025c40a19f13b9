package org.specsoc.compute.opencl;

import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.GemmLayout;

class ScratchGflopsTest {
    @Test
    void measure() {
        try (OpenClBackend b = OpenClTestDevice.backend()) {
            int[][] shapes = {{300, 2136, 512}, {300, 512, 512}, {300, 512, 94}};
            for (GemmLayout layout : GemmLayout.values()) {
                for (int[] s : shapes) {
                    int m = s[0], k = s[1], n = s[2];
                    if (layout == GemmLayout.TN) { m = s[1]; k = s[0]; }
                    Buffer a = layout == GemmLayout.TN ? b.allocate(k, m) : b.allocate(m, k);
                    Buffer w = layout == GemmLayout.NT ? b.allocate(n, k) : b.allocate(k, n);
                    Buffer c = b.allocate(m, n);
                    b.uniform(a, -1, 1, 1); b.uniform(w, -1, 1, 2);
                    b.gemm(layout, a, w, c, null, Activation.IDENTITY, false);
                    int reps = 5;
                    long t = System.nanoTime();
                    for (int r = 0; r < reps; r++) b.gemm(layout, a, w, c, null, Activation.IDENTITY, false);
                    double sec = (System.nanoTime() - t) / 1e9 / reps;
                    System.out.printf("GFLOPS %s %dx%dx%d %.2f (%.1f ms)%n", layout, m, k, n, 2.0 * m * n * k / sec / 1e9, sec * 1e3);
                    b.release(a); b.release(w); b.release(c);
                }
            }
            Buffer x = b.allocate(64, 64);
            long t = System.nanoTime();
            for (int r = 0; r < 200; r++) b.fill(x, 1f);
            System.out.printf("LAUNCH overhead %.1f us%n", (System.nanoTime() - t) / 1e3 / 200);
        }
    }
}
