package org.specsoc.api.plugin;

import java.util.Optional;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.model.Encoder;
import org.specsoc.api.model.ModelShape;

/** Creates encoders: spectrum in, latent mass fractions (SOC last) out. Keys live under {@code encoder.}. */
public interface EncoderFactory extends PluginFactory {

    Encoder create(PluginConfig config, PluginContext context, ModelShape shape);

    /**
     * Why this encoder cannot work with the decoder named {@code decoderType} (the value of {@code decoder.type}),
     * as a configuration error message; empty when they go together. Encoders fitted in closed form, such as
     * {@code plsr}, predict SOC only and accept decoder {@code none} alone.
     */
    default Optional<String> decoderProblem(String decoderType) {
        return Optional.empty();
    }
}
