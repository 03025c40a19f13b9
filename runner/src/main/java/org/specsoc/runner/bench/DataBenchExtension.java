package org.specsoc.runner.bench;

import com.google.auto.service.AutoService;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.specsoc.runner.wiring.RunnerExtension;

/** Adds the data-loading benchmark ({@code specsoc bench --data}). */
@AutoService(RunnerExtension.class)
public final class DataBenchExtension extends AbstractModule implements RunnerExtension {

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Benchmark.class).addBinding().to(DataLoadBenchmark.class);
    }
}
