package org.specsoc.runner.experiment;

import com.google.auto.service.AutoService;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import org.specsoc.runner.wiring.ExperimentType;
import org.specsoc.runner.wiring.RunnerExtension;

/**
 * Registers the experiment types {@code split}, {@code loro}, {@code finetune} and {@code train}, and the two
 * seams with their defaults: {@link RunFunctionFactory} (none installed: runs fail with a clear message until
 * the trainer's module sets it) and {@link GroundTruthLookup} (the synthetic generator's planted truth).
 */
@AutoService(RunnerExtension.class)
public final class ExperimentsExtension extends AbstractModule implements RunnerExtension {

    @Override
    protected void configure() {
        var types = MapBinder.newMapBinder(binder(), String.class, ExperimentType.class);
        types.addBinding("split").to(SplitExperiment.class);
        types.addBinding("loro").to(LoroExperiment.class);
        types.addBinding("finetune").to(FinetuneExperiment.class);
        types.addBinding("train").to(TrainExperiment.class);
        OptionalBinder.newOptionalBinder(binder(), RunFunctionFactory.class)
                .setDefault().toInstance(RunFunctionFactory.missing());
        OptionalBinder.newOptionalBinder(binder(), GroundTruthLookup.class)
                .setDefault().to(SyntheticGroundTruth.class);
    }
}
