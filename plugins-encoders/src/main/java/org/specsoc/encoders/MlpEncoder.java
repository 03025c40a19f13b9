package org.specsoc.encoders;

import java.util.ArrayList;
import java.util.List;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.model.TensorSpec;
import org.specsoc.api.model.TrainableEncoder;
import org.specsoc.api.nn.Layer;
import org.specsoc.api.nn.MlpStack;
import org.specsoc.api.nn.Sequential;
import org.specsoc.api.nn.Softmax;

/**
 * The authors' encoder ({@code LinearMixingEncoder}, reference spec 2.1): BatchNorm on the raw spectrum, a
 * stack of Linear-BatchNorm-ReLU blocks, Linear(H -> K), LeakyReLU(0.01), softmax. SOC is column K - 1.
 */
public final class MlpEncoder implements TrainableEncoder {
    private final ModelShape shape;
    private final int hidden;
    private final int blocks;
    private final Sequential network;

    public MlpEncoder(ModelShape shape, int hidden, int blocks) {
        this.shape = shape;
        this.hidden = hidden;
        this.blocks = blocks;
        List<Layer> layers = new ArrayList<>(MlpStack.layers(shape.bands(), hidden, blocks, shape.latent(),
                Activation.LEAKY_RELU));
        layers.add(new Softmax(shape.latent()));
        this.network = new Sequential(layers);
    }

    @Override
    public String name() {
        return MlpEncoderFactory.NAME;
    }

    @Override
    public ModelShape shape() {
        return shape;
    }

    public int hidden() {
        return hidden;
    }

    public int blocks() {
        return blocks;
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
    public Buffer forward(Buffer x, BatchNormMode mode) {
        return network.forward(x, mode);
    }

    @Override
    public Buffer backward(Buffer dOut) {
        // The input is data: its gradient is never needed, which saves a B x M GEMM-sized pass.
        return network.backward(dOut, false);
    }
}
