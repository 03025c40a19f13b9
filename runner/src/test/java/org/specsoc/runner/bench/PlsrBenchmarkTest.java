package org.specsoc.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.runner.wiring.SpecsocWiring;

class PlsrBenchmarkTest {

    @Test
    void isInstalledThroughItsRunnerExtension() {
        Set<Benchmark> installed = SpecsocWiring.discover().getInstance(Key.get(new TypeLiteral<Set<Benchmark>>() { }));
        assertThat(installed).extracting(Benchmark::name).contains("plsr");
    }

    @Test
    void measuresBothFitsOnASmallProblem(@TempDir Path scratch) {
        var options = new BenchOptions(240, 48, 300, 512, 93, 1, true, scratch);
        List<Measurement> figures = new PlsrBenchmark().run(new ReferenceBackend(), options);

        assertThat(figures).hasSize(2);
        assertThat(figures).allSatisfy(m -> {
            assertThat(m.backend()).isEqualTo("reference");
            assertThat(m.seconds()).isPositive();
            assertThat(m.note()).startsWith("240 x 48");
        });
        // The random spectra carry 8 factors, all tied to SOC: cross-validation keeps at least those; the fixed
        // fit really computes all 30 components (the band-dependent noise gives it 30 distinct directions).
        assertThat(componentsKept(figures.get(0))).isBetween(8, PlsrBenchmark.COMPONENTS);
        assertThat(componentsKept(figures.get(1))).isEqualTo(PlsrBenchmark.COMPONENTS);
    }

    @Test
    void randomSpectraAreReproducible() {
        assertThat(PlsrBenchmark.randomSpectra(5, 7, 1).spectra())
                .containsExactly(PlsrBenchmark.randomSpectra(5, 7, 1).spectra());
    }

    private static int componentsKept(Measurement m) {
        var matcher = java.util.regex.Pattern.compile(", (\\d+) components kept").matcher(m.note());
        assertThat(matcher.find()).as(m.note()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
