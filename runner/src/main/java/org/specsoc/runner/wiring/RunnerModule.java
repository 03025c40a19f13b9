package org.specsoc.runner.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.model.TrainingListener;
import org.specsoc.runner.bench.Benchmark;
import org.specsoc.runner.config.ConfigSection;

/**
 * Declares the extension points of the runner (so that they exist even when nothing contributes to them)
 * and the runner's own {@code output.} section. Other packages contribute through their own modules
 * (see {@link RunnerExtension}):
 * <ul>
 *   <li>{@code Multibinder<ConfigSection>}: keys owned by runner code ({@code train.}, {@code eval.}, ...);</li>
 *   <li>{@code MapBinder<String, ExperimentType>}: what {@code experiment.type} selects;</li>
 *   <li>{@code Multibinder<Benchmark>}: what {@code specsoc bench} runs;</li>
 *   <li>{@code Multibinder<TrainingListener>}: listeners every run gets.</li>
 * </ul>
 */
public final class RunnerModule extends AbstractModule {

    /** {@code output.dir}: where a run writes its results. */
    public static final ConfigSection OUTPUT_SECTION = new ConfigSection("output.", ConfigSpec.builder()
            .path("dir", false, "folder for the results, relative to the working directory;"
                    + " default runs/<config file name without extension>")
            .build());

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), ConfigSection.class).addBinding().toInstance(OUTPUT_SECTION);
        // Eager, so that wiring mistakes (a section on a plugin prefix, a key declared twice) stop the start.
        bind(InstalledPlugins.class).asEagerSingleton();
        MapBinder.newMapBinder(binder(), String.class, ExperimentType.class);
        Multibinder.newSetBinder(binder(), Benchmark.class);
        Multibinder.newSetBinder(binder(), TrainingListener.class);
    }
}
