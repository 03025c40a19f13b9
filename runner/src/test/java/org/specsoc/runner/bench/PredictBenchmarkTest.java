package org.specsoc.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.runner.wiring.SpecsocWiring;

class PredictBenchmarkTest {

    @Test
    void isInstalledThroughItsRunnerExtension() {
        Set<Benchmark> installed = SpecsocWiring.discover().getInstance(Key.get(new TypeLiteral<Set<Benchmark>>() { }));
        assertThat(installed).extracting(Benchmark::name).contains("predict");
    }

    @Test
    void measuresSpectraPerSecondWithAndWithoutTheCsv(@TempDir Path scratch) throws Exception {
        var options = new BenchOptions(300, 40, 300, 16, 6, 1, true, scratch);
        List<Measurement> figures = new PredictBenchmark().run(new ReferenceBackend(), options);

        assertThat(figures).extracting(Measurement::name).containsExactly(
                "predict, paper model + ann decoder (no output)",
                "predict, paper model + ann decoder, CSV written",
                "predict input: CSV read streamed (no model)",
                "predict, paper model + ann decoder, CSV streamed in and written",
                "predict, paper model + ann decoder, ENVI image in and out",
                "predict, paper model + ann decoder, ENVI image of 9 airborne-like bands in and out");
        assertThat(figures).allSatisfy(m -> {
            assertThat(m.backend()).isEqualTo("reference");
            assertThat(m.seconds()).isPositive();
            assertThat(m.samplesPerSecond()).isEqualTo(300 / m.seconds(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(m.note()).startsWith("300 x 40, H 16, K 6");
        });
        assertThat(scratch.resolve("predict-bench.csv")).doesNotExist();
        assertThat(scratch.resolve("predict-bench-input.csv")).doesNotExist();
        try (var left = java.nio.file.Files.list(scratch)) {
            assertThat(left).as("scratch files left behind").isEmpty();
        }
    }

    @Test
    void theAirborneSensorsBandsSpanTheModelGridEveryFiveNanometres() {
        double[] paper = IntStream.range(0, 2136).mapToDouble(i -> 365 + i).toArray();
        double[] centres = PredictBenchmark.airborneCentres(paper);
        assertThat(centres).hasSize(428);
        assertThat(centres[0]).isEqualTo(365.0);
        assertThat(centres[427]).isEqualTo(2500.0);
        assertThat(centres[1] - centres[0]).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
