package org.specsoc.api.plugin;

import java.util.Map;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.PreprocessingStep;

/** Creates one step of the preprocessing chain. Keys live under {@code preprocess.<name>.}. */
public interface PreprocessorFactory extends PluginFactory {

    PreprocessingStep create(PluginConfig config, PluginContext context);

    /**
     * Re-creates a fitted step from its {@link PreprocessingStep.Fitted#state()} (as stored in a model archive,
     * possibly after a JSON round trip: numbers may come back as any {@link Number}, lists as lists).
     */
    default PreprocessingStep.Fitted restore(Map<String, Object> state) {
        throw new UnsupportedOperationException("preprocessing step '" + name() + "' cannot be restored");
    }
}
