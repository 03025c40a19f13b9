package org.specsoc.api.plugin;

import java.util.OptionalInt;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.model.Decoder;
import org.specsoc.api.model.ModelShape;

/** Creates decoders that reconstruct the spectrum from the latent vector. Keys live under {@code decoder.}. */
public interface DecoderFactory extends PluginFactory {

    /**
     * The latent size this decoder imposes on the encoder, when it has one (the linear-mixing decoder needs
     * one component per endmember plus SOC). Empty means the encoder's own setting stands.
     */
    default OptionalInt requiredLatent(PluginConfig config, PluginContext context) {
        return OptionalInt.empty();
    }

    Decoder create(PluginConfig config, PluginContext context, ModelShape shape);
}
