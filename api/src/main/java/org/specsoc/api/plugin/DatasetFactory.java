package org.specsoc.api.plugin;

import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.SpectralDataSource;

/** Creates a source of spectra (a generator or a reader). Keys live under {@code dataset.}. */
public interface DatasetFactory extends PluginFactory {

    SpectralDataSource create(PluginConfig config, PluginContext context);
}
