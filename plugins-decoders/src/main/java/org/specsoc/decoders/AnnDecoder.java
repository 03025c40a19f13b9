package org.specsoc.decoders;

import java.util.List;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.model.TensorSpec;
import org.specsoc.api.model.TrainableDecoder;
import org.specsoc.api.nn.MlpStack;
import org.specsoc.api.nn.Sequential;

/**
 * The authors' ANN decoder (reference spec 2.3), the encoder's mirror image: BatchNorm(K), the hidden stack,
 * Linear(H -> M), LeakyReLU(0.01), sigmoid (fused into one activation).
 */
public final class AnnDecoder implements TrainableDecoder {
    private final ModelShape shape;
    private final Sequential network;

    public AnnDecoder(ModelShape shape, int hidden, int blocks) {
        this.shape = shape;
        this.network = new Sequential(MlpStack.layers(shape.latent(), hidden, blocks, shape.bands(),
                Activation.LEAKY_RELU_SIGMOID));
    }

    @Override
    public String name() {
        return AnnDecoderFactory.NAME;
    }

    @Override
    public ModelShape shape() {
        return shape;
    }

    @Override
    public List<TensorSpec> tensors() {
        return network.tensors();
    }

    @Override
    public void bind(ComputeBackend backend, Buffer parameters, Buffer gradients, Buffer state) {
        network.bind(backend, parameters, gradients, state);
    }

    @Override
    public void initialise(long seed) {
        network.initialise(seed);
    }

    @Override
    public Buffer forward(Buffer latent, BatchNormMode mode) {
        return network.forward(latent, mode);
    }

    @Override
    public Buffer backward(Buffer dOut) {
        return network.backward(dOut, true);
    }
}
