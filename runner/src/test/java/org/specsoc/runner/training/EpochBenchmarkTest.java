package org.specsoc.runner.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.runner.bench.BenchOptions;
import org.specsoc.runner.bench.Benchmark;
import org.specsoc.runner.bench.Measurement;
import org.specsoc.runner.config.ConfigSection;
import org.specsoc.runner.wiring.SpecsocWiring;

class EpochBenchmarkTest {

    @Test
    void quickRunReportsBothModelsExtrapolatedToAFullEpoch(@TempDir Path scratch) throws Exception {
        var options = new BenchOptions(300, 20, 30, 8, 5, 1, true, scratch);
        var results = new EpochBenchmark().run(new ReferenceBackend(), options);
        assertThat(results).extracting(Measurement::name).containsExactly("epoch.encoder", "epoch.encoder+ann");
        for (Measurement m : results) {
            assertThat(m.backend()).isEqualTo("reference");
            assertThat(m.seconds()).isPositive();
            assertThat(m.samplesPerSecond()).isCloseTo(300 / m.seconds(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(m.note()).contains("10 batches of 30 x 20").contains("extrapolated from 3 batches");
        }
    }

    @Test
    void extensionIsDiscoveredWithItsSectionsAndBenchmark() {
        var injector = SpecsocWiring.discover();
        Set<ConfigSection> sections = injector.getInstance(Key.get(new TypeLiteral<Set<ConfigSection>>() { }));
        assertThat(sections).contains(TrainingConfig.TRAIN, TrainingConfig.LOSS, TrainingConfig.EVAL);
        Set<Benchmark> benchmarks = injector.getInstance(Key.get(new TypeLiteral<Set<Benchmark>>() { }));
        assertThat(benchmarks).extracting(Benchmark::name).contains("epoch");
    }
}
