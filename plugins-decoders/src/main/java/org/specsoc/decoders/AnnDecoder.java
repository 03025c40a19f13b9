package org.specsoc.decoders;

import org.specsoc.api.compute.Activation;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.model.TrainableDecoder;
import org.specsoc.api.nn.MlpStack;
import org.specsoc.api.nn.SequentialPart;

/**
 * The authors' ANN decoder (reference spec 2.3), the encoder's mirror image: BatchNorm(K), the hidden stack,
 * Linear(H -> M), LeakyReLU(0.01), sigmoid (fused into one activation).
 */
public final class AnnDecoder extends SequentialPart implements TrainableDecoder {

    public AnnDecoder(ModelShape shape, int hidden, int blocks) {
        super(shape, MlpStack.layers(shape.latent(), hidden, blocks, shape.bands(), Activation.LEAKY_RELU_SIGMOID),
                true);
    }

    @Override
    public String name() {
        return AnnDecoderFactory.NAME;
    }
}
