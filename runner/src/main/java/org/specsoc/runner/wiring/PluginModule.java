package org.specsoc.runner.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.PluginFactory;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.api.plugin.SpectralLibraryReader;

/**
 * Binds the factories of a {@link PluginRegistry} into one Guice {@code MapBinder<String, XFactory>} per kind,
 * keyed by factory name (Druid's PolyBind idea: a configuration key picks the entry), and the library readers
 * into a {@code Multibinder<SpectralLibraryReader>}. Other modules may add entries to the same binders.
 */
public final class PluginModule extends AbstractModule {
    private final PluginRegistry registry;

    public PluginModule(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void configure() {
        bind(PluginRegistry.class).toInstance(registry);
        bindKind(PluginKind.ENCODER, EncoderFactory.class);
        bindKind(PluginKind.DECODER, DecoderFactory.class);
        bindKind(PluginKind.DATASET, DatasetFactory.class);
        bindKind(PluginKind.PREPROCESSOR, PreprocessorFactory.class);
        bindKind(PluginKind.COMPUTE_BACKEND, ComputeBackendFactory.class);
        var readers = Multibinder.newSetBinder(binder(), SpectralLibraryReader.class);
        registry.libraryReaders().forEach(r -> readers.addBinding().toInstance(r));
    }

    private <F extends PluginFactory> void bindKind(PluginKind kind, Class<F> type) {
        MapBinder<String, F> binder = MapBinder.newMapBinder(binder(), String.class, type);
        registry.factories(kind, type).forEach((name, factory) -> binder.addBinding(name).toInstance(factory));
    }
}
