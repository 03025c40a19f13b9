package org.specsoc.api.nn;

import java.util.List;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.model.NetworkPart;
import org.specsoc.api.model.TensorSpec;

/**
 * A network part that is one {@link Sequential} stack (the MLP encoder, the ANN decoder): storage, initialisation
 * and both passes go straight to the stack, so a plugin only says which layers it has.
 */
public abstract class SequentialPart implements NetworkPart {
    private final ModelShape shape;
    private final Sequential network;
    private final boolean inputGradient;

    /**
     * @param inputGradient whether {@link #backward} must return the input's gradient; an encoder's input is
     *                      data, and skipping that gradient saves a B x M GEMM-sized pass
     */
    protected SequentialPart(ModelShape shape, List<Layer> layers, boolean inputGradient) {
        this.shape = shape;
        this.network = new Sequential(layers);
        this.inputGradient = inputGradient;
    }

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
    public Buffer forward(Buffer x, BatchNormMode mode) {
        return network.forward(x, mode);
    }

    @Override
    public Buffer backward(Buffer dOut) {
        return network.backward(dOut, inputGradient);
    }
}
