package org.specsoc.decoders;

import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.model.Decoder;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.PluginContext;

/** {@code decoder.type=none}. */
public final class NoDecoderFactory implements DecoderFactory {
    public static final String NAME = "none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "no decoder: the encoder is trained on the SOC term of the loss alone";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.empty();
    }

    @Override
    public Decoder create(PluginConfig config, PluginContext context, ModelShape shape) {
        return new NoDecoder(shape);
    }
}
