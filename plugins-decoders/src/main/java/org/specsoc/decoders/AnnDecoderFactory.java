package org.specsoc.decoders;

import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.model.Decoder;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.PluginContext;

/** {@code decoder.type=ann}. */
public final class AnnDecoderFactory implements DecoderFactory {
    public static final String NAME = "ann";

    private static final ConfigSpec SPEC = ConfigSpec.builder()
            .integer("hidden", 512, 1, 1 << 16, "width H of the hidden layers")
            .integer("blocks", 4, 1, 64, "number of Linear-BatchNorm-ReLU blocks (the authors used 4)")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the authors' ANN decoder: the encoder's mirror image ending in LeakyReLU and sigmoid";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public Decoder create(PluginConfig config, PluginContext context, ModelShape shape) {
        return new AnnDecoder(shape, config.getInt("hidden"), config.getInt("blocks"));
    }
}
