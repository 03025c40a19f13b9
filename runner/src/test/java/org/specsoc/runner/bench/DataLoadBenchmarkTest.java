package org.specsoc.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.runner.testing.FakeWorld;

class DataLoadBenchmarkTest {
    @TempDir
    Path scratch;

    @Test
    void loadsAGeneratedFileAndReportsTimeAndMemory() throws Exception {
        var bench = new DataLoadBenchmark();
        assertThat(bench.name()).isEqualTo("data");
        assertThat(bench.runsByDefault()).isFalse();
        var options = new BenchOptions(300, 120, 30, 16, 8, 1, true, scratch);
        try (ComputeBackend backend = new FakeWorld().java.create(null, null)) {
            var m = bench.run(backend, options);
            assertThat(m).singleElement().satisfies(x -> {
                assertThat(x.seconds()).isPositive();
                assertThat(x.note()).contains("x 120").contains("raw float32");
            });
        }
        assertThat(scratch.resolve("bench-data.csv")).exists();
    }
}
