package org.specsoc.api.nn;

import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;

/** An element-wise activation on its own (where it cannot be fused into the layer before it). */
public final class ActivationLayer extends OutputSavingLayer {
    private final Activation act;

    public ActivationLayer(int n, Activation act) {
        super(n, act + " activation");
        this.act = act;
    }

    @Override
    void apply(ComputeBackend backend, Buffer x, Buffer y) {
        backend.activation(act, x, y);
    }

    @Override
    void applyBackward(ComputeBackend backend, Buffer y, Buffer dy, Buffer dx) {
        backend.activationBackward(act, y, dy, dx);
    }
}
