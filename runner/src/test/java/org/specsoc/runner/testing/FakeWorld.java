package org.specsoc.runner.testing;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.specsoc.api.compute.Availability;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigType;
import org.specsoc.api.plugin.SpectralLibraryReader;
import org.specsoc.runner.config.ConfigSection;
import org.specsoc.runner.wiring.ExperimentType;
import org.specsoc.runner.wiring.PluginKind;
import org.specsoc.runner.wiring.PluginRegistry;
import org.specsoc.runner.wiring.RunEnvironment;
import org.specsoc.runner.wiring.SpecsocWiring;

/**
 * A small installation of fake plugins shaped like the real ones, for tests of the runner:
 * encoders {@code mlp} and {@code cnn}; decoders {@code ann}, {@code linear-mixing} and {@code none}; datasets
 * {@code synthetic} and {@code csv}; preprocessors {@code snv} and {@code savgol}; compute backends {@code java}
 * (CPU, available) and {@code opencl} (GPU, unavailable); experiment types {@code split} (needs encoder,
 * decoder, dataset) and {@code sweep}; and a {@code train.} section from its own Guice module.
 */
public final class FakeWorld {
    public static final ConfigSpec MLP = ConfigSpec.builder()
            .integer("hidden", 512, 1, 4096, "hidden units")
            .choice("activation", "relu", List.of("relu", "tanh", "gelu"), "activation")
            .list("dropout", ConfigType.DOUBLE_LIST, "0.1,0.2", "dropout per layer")
            .build();
    public static final ConfigSpec LINEAR_MIXING = ConfigSpec.builder()
            .string("endmembers", "dataset", "endmember source")
            .bool("rho-r.enabled", true, "use rho*r")
            .build();
    public static final ConfigSpec TRAIN = ConfigSpec.builder()
            .integer("epochs", 100, 1, 100_000, "epochs")
            .number("learning-rate", 1e-3, 0.0, 1.0, "Adam learning rate")
            .longValue("seed", 42, "master seed")
            .build();
    public static final ConfigSpec SPLIT = ConfigSpec.builder()
            .number("test-fraction", 0.2, 0.0, 1.0, "held-out fraction")
            .build();

    public final FakeComputeBackendFactory java =
            new FakeComputeBackendFactory("java", 10, false, Availability.yes("2 threads, 512-bit SIMD"),
                    ConfigSpec.builder().integer("threads", 0, 0, 1024, "worker threads; 0 = all").build());
    public final FakeComputeBackendFactory opencl =
            new FakeComputeBackendFactory("opencl", 100, true, Availability.no("no OpenCL platform found"),
                    ConfigSpec.builder().integer("device", 0, 0, 64, "OpenCL device index").build());

    /** What the {@code split} experiment saw, when it ran. */
    public final AtomicReference<RunEnvironment> lastRun = new AtomicReference<>();
    private FakeExperimentType.Action splitAction = lastRun::set;
    private final List<Module> extraModules = new ArrayList<>();
    private final List<SpectralLibraryReader> readers = new ArrayList<>();

    /** Makes the {@code split} experiment do {@code action} (after recording its environment). */
    public FakeWorld onSplit(FakeExperimentType.Action action) {
        this.splitAction = env -> {
            lastRun.set(env);
            action.run(env);
        };
        return this;
    }

    public FakeWorld with(Module module) {
        extraModules.add(module);
        return this;
    }

    public FakeWorld with(SpectralLibraryReader reader) {
        readers.add(reader);
        return this;
    }

    public FakePlugin plugin() {
        var plugin = new FakePlugin();
        readers.forEach(plugin::reader);
        return plugin
                .encoder(new FakeFactories.Encoders("mlp", MLP))
                .encoder(new FakeFactories.Encoders("cnn", ConfigSpec.builder()
                        .integer("kernel-size", 5, 1, 99, "kernel").build()))
                .decoder(new FakeFactories.Decoders("ann", ConfigSpec.builder()
                        .integer("hidden", 256, 1, 4096, "hidden units").build()))
                .decoder(new FakeFactories.Decoders("linear-mixing", LINEAR_MIXING))
                .decoder(new FakeFactories.Decoders("none", ConfigSpec.empty()))
                .dataset(new FakeFactories.Datasets("synthetic", ConfigSpec.builder()
                        .integer("samples", 100, 1, 1_000_000, "samples").build()))
                .dataset(new FakeFactories.Datasets("csv", ConfigSpec.builder()
                        .path("path", true, "CSV file").build()))
                .preprocessor(new FakeFactories.Preprocessors("snv", ConfigSpec.empty()))
                .preprocessor(new FakeFactories.Preprocessors("savgol", ConfigSpec.builder()
                        .integer("window", 11, 3, 101, "window").integer("order", 2, 0, 5, "order").build()))
                .backend(java)
                .backend(opencl);
    }

    public Injector injector() {
        var modules = new ArrayList<Module>();
        modules.add(new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), ConfigSection.class).addBinding()
                        .toInstance(new ConfigSection("train.", TRAIN));
                var types = MapBinder.newMapBinder(binder(), String.class, ExperimentType.class);
                types.addBinding("split").toInstance(new FakeExperimentType("split", SPLIT,
                        EnumSet.of(PluginKind.ENCODER, PluginKind.DECODER, PluginKind.DATASET), splitAction));
                types.addBinding("sweep").toInstance(new FakeExperimentType("sweep", ConfigSpec.builder()
                        .integer("runs", 3, 1, 100, "runs").build(), Set.of(), env -> { }));
            }
        });
        modules.addAll(extraModules);
        return SpecsocWiring.create(PluginRegistry.of(List.of(plugin())), modules);
    }
}
