package org.specsoc.encoders;

import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.model.Encoder;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.PluginContext;

/** {@code encoder.type=mlp}: the paper's fully connected encoder. */
public final class MlpEncoderFactory implements EncoderFactory {
    public static final String NAME = "mlp";

    private static final ConfigSpec SPEC = ConfigSpec.builder()
            .integer("hidden", 512, 1, 1 << 16, "width H of the hidden layers")
            .integer("blocks", 4, 1, 64, "number of Linear-BatchNorm-ReLU blocks (the authors used 4)")
            .integer("latent", 93, 2, 1 << 16,
                    "latent size K (endmembers + SOC); a decoder with fixed endmembers imposes its own")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the authors' MLP encoder: BatchNorm input, Linear-BatchNorm-ReLU blocks, LeakyReLU, softmax (SOC last)";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    /** The latent size configured for this encoder (used when the decoder does not impose one). */
    public static int configuredLatent(PluginConfig config) {
        return config.getInt("latent");
    }

    @Override
    public Encoder create(PluginConfig config, PluginContext context, ModelShape shape) {
        return new MlpEncoder(shape, config.getInt("hidden"), config.getInt("blocks"));
    }
}
