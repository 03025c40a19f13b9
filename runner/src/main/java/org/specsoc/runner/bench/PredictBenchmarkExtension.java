package org.specsoc.runner.bench;

import com.google.auto.service.AutoService;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.specsoc.runner.wiring.RunnerExtension;

/** Adds {@code predict} to {@code specsoc bench}. */
@AutoService(RunnerExtension.class)
public final class PredictBenchmarkExtension extends AbstractModule implements RunnerExtension {

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Benchmark.class).addBinding().to(PredictBenchmark.class);
    }
}
