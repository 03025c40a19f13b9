package org.specsoc.encoders;

import java.util.ArrayList;
import java.util.List;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.model.TrainableEncoder;
import org.specsoc.api.nn.Layer;
import org.specsoc.api.nn.MlpStack;
import org.specsoc.api.nn.SequentialPart;
import org.specsoc.api.nn.Softmax;

/**
 * The authors' encoder ({@code LinearMixingEncoder}, reference spec 2.1): BatchNorm on the raw spectrum, a
 * stack of Linear-BatchNorm-ReLU blocks, Linear(H -> K), LeakyReLU(0.01), softmax. SOC is column K - 1.
 */
public final class MlpEncoder extends SequentialPart implements TrainableEncoder {
    private final int hidden;
    private final int blocks;

    public MlpEncoder(ModelShape shape, int hidden, int blocks) {
        // The input is data: its gradient is never needed.
        super(shape, layers(shape, hidden, blocks), false);
        this.hidden = hidden;
        this.blocks = blocks;
    }

    private static List<Layer> layers(ModelShape shape, int hidden, int blocks) {
        List<Layer> layers = new ArrayList<>(MlpStack.layers(shape.bands(), hidden, blocks, shape.latent(),
                Activation.LEAKY_RELU));
        layers.add(new Softmax(shape.latent()));
        return layers;
    }

    @Override
    public String name() {
        return MlpEncoderFactory.NAME;
    }

    public int hidden() {
        return hidden;
    }

    public int blocks() {
        return blocks;
    }
}
