package org.specsoc.api.plugin;

import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.PreprocessingStep;

/** Creates one step of the preprocessing chain. Keys live under {@code preprocess.<name>.}. */
public interface PreprocessorFactory extends PluginFactory {

    PreprocessingStep create(PluginConfig config, PluginContext context);
}
