package org.specsoc.runner.wiring;

import java.util.List;
import java.util.function.Function;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.PluginFactory;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.api.plugin.SpectralPlugin;

/** The kinds of factory a {@link SpectralPlugin} contributes, with the key that selects one and its prefix. */
public enum PluginKind {
    ENCODER("encoder", "encoders", "encoder.type", "encoder.", EncoderFactory.class, SpectralPlugin::encoderFactories),
    DECODER("decoder", "decoders", "decoder.type", "decoder.", DecoderFactory.class, SpectralPlugin::decoderFactories),
    DATASET("dataset", "datasets", "dataset.type", "dataset.", DatasetFactory.class, SpectralPlugin::datasetFactories),
    /** A chain of steps: {@code preprocess.steps=a,b}, each step's keys under {@code preprocess.<name>.}. */
    PREPROCESSOR("preprocessor", "preprocessors", "preprocess.steps", "preprocess.", PreprocessorFactory.class,
            SpectralPlugin::preprocessorFactories),
    COMPUTE_BACKEND("compute backend", "compute backends", "compute.backend", "compute.", ComputeBackendFactory.class,
            SpectralPlugin::computeBackendFactories);

    private final String label;
    private final String plural;
    private final String selectorKey;
    private final String prefix;
    private final Class<? extends PluginFactory> factoryType;
    private final Function<SpectralPlugin, List<? extends PluginFactory>> contributions;

    PluginKind(String label, String plural, String selectorKey, String prefix,
               Class<? extends PluginFactory> factoryType,
               Function<SpectralPlugin, List<? extends PluginFactory>> contributions) {
        this.label = label;
        this.plural = plural;
        this.selectorKey = selectorKey;
        this.prefix = prefix;
        this.factoryType = factoryType;
        this.contributions = contributions;
    }

    /** Singular name for messages: {@code decoder}, {@code compute backend}. */
    public String label() {
        return label;
    }

    public String plural() {
        return plural;
    }

    /** The key whose value names the factory: {@code decoder.type}. */
    public String selectorKey() {
        return selectorKey;
    }

    /** The prefix of this kind's keys: {@code decoder.}. */
    public String prefix() {
        return prefix;
    }

    /** The prefix of the keys of factory {@code name}: the kind's prefix, or {@code preprocess.<name>.}. */
    public String keyPrefix(String name) {
        return this == PREPROCESSOR ? prefix + name + "." : prefix;
    }

    public Class<? extends PluginFactory> factoryType() {
        return factoryType;
    }

    /** The factories of this kind that {@code plugin} contributes. */
    public List<? extends PluginFactory> contributions(SpectralPlugin plugin) {
        List<? extends PluginFactory> list = contributions.apply(plugin);
        return list == null ? List.of() : list;
    }
}
