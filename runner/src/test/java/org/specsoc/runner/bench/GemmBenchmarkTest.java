package org.specsoc.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.GemmLayout;
import org.specsoc.compute.java.JavaBackend;

class GemmBenchmarkTest {

    @Test
    void paperShapesAreTheNetworksProducts() {
        List<GemmShape> shapes = GemmShape.paper(300, 2136, 512, 93);
        assertThat(shapes).extracting(GemmShape::name).containsExactly(
                "gemm.enc.l1.fwd 300x2136x512 NN",
                "gemm.enc.l1.dw 2136x300x512 TN",
                "gemm.enc.hidden.fwd 300x512x512 NN",
                "gemm.enc.hidden.dx 300x512x512 NT",
                "gemm.enc.hidden.dw 512x300x512 TN",
                "gemm.enc.out.fwd 300x512x93 NN",
                "gemm.enc.out.dx 300x93x512 NT",
                "gemm.enc.out.dw 512x300x93 TN",
                "gemm.dec.l1.fwd 300x93x512 NN",
                "gemm.dec.l1.dx 300x512x93 NT",
                "gemm.dec.l1.dw 93x300x512 TN",
                "gemm.dec.out.fwd 300x512x2136 NN",
                "gemm.dec.out.dx 300x2136x512 NT",
                "gemm.dec.out.dw 512x300x2136 TN");
        GemmShape first = shapes.get(0);
        assertThat(first.layout()).isEqualTo(GemmLayout.NN);
        assertThat(first.flops()).isEqualTo(2.0 * 300 * 2136 * 512);
    }

    @Test
    void measuresEveryShapeOnARealBackend() throws Exception {
        var options = new BenchOptions(100, 37, 7, 16, 5, 1, true, Path.of("unused"));
        try (JavaBackend backend = new JavaBackend(2)) {
            List<Measurement> ms = new GemmBenchmark().run(backend, options);
            assertThat(ms).hasSize(14);
            assertThat(ms).allSatisfy(m -> {
                assertThat(m.backend()).isEqualTo("java");
                assertThat(m.gflops()).isPositive().isFinite();
                assertThat(m.seconds()).isNull();
            });
            assertThat(ms.get(0).name()).isEqualTo("gemm.enc.l1.fwd 7x37x16 NN");
        }
    }
}
