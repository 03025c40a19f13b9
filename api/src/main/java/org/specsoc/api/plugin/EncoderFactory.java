package org.specsoc.api.plugin;

import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.model.Encoder;
import org.specsoc.api.model.ModelShape;

/** Creates encoders: spectrum in, latent mass fractions (SOC last) out. Keys live under {@code encoder.}. */
public interface EncoderFactory extends PluginFactory {

    Encoder create(PluginConfig config, PluginContext context, ModelShape shape);
}
