package org.specsoc.runner.wiring;

import java.util.Objects;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.plugin.PluginFactory;

/**
 * A factory chosen by the configuration together with its own keys, validated and typed.
 *
 * @param factory the chosen factory
 * @param config  its keys (and only its keys), relative to its prefix, defaults applied
 */
public record SelectedPlugin<F extends PluginFactory>(F factory, PluginConfig config) {

    public SelectedPlugin {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(config, "config");
    }

    public String name() {
        return factory.name();
    }
}
