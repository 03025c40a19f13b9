package org.specsoc.runner.training;

import com.google.auto.service.AutoService;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.specsoc.runner.bench.Benchmark;
import org.specsoc.runner.config.ConfigSection;
import org.specsoc.runner.wiring.RunnerExtension;

/** Contributes the {@code train.}, {@code loss.} and {@code eval.} keys and the {@code epoch} benchmark. */
@AutoService(RunnerExtension.class)
public final class TrainingExtension extends AbstractModule implements RunnerExtension {

    @Override
    protected void configure() {
        var sections = Multibinder.newSetBinder(binder(), ConfigSection.class);
        sections.addBinding().toInstance(TrainingConfig.TRAIN);
        sections.addBinding().toInstance(TrainingConfig.LOSS);
        sections.addBinding().toInstance(TrainingConfig.EVAL);
        Multibinder.newSetBinder(binder(), Benchmark.class).addBinding().to(EpochBenchmark.class);
    }
}
