package org.specsoc.runner.wiring;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.specsoc.api.config.ConfigurationException;

/** Builds the Guice injector of the runner: the plugins' factories, the runner's own bindings, extensions. */
public final class SpecsocWiring {
    private SpecsocWiring() {
    }

    /** Everything on the class path: {@link org.specsoc.api.plugin.SpectralPlugin}s and {@link RunnerExtension}s. */
    public static Injector discover() {
        ClassLoader loader = SpecsocWiring.class.getClassLoader();
        var extensions = new ArrayList<Module>();
        try {
            ServiceLoader.load(RunnerExtension.class, loader).forEach(extensions::add);
        } catch (ServiceConfigurationError e) {
            throw new ConfigurationException("a runner extension could not be loaded: " + e.getMessage());
        }
        return create(PluginRegistry.discover(loader), extensions);
    }

    /** Exactly these plugins and extension modules (tests use this with fakes). */
    public static Injector create(PluginRegistry registry, List<? extends Module> extensions) {
        var modules = new ArrayList<Module>();
        modules.add(new PluginModule(registry));
        modules.add(new RunnerModule());
        modules.addAll(extensions);
        return Guice.createInjector(Stage.PRODUCTION, modules);
    }
}
