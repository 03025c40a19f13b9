package org.specsoc.api.nn;

import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;

/** Row-wise softmax: the encoder's output, non-negative mass fractions that sum to 1. */
public final class Softmax extends OutputSavingLayer {

    public Softmax(int n) {
        super(n, "Softmax");
    }

    @Override
    void apply(ComputeBackend backend, Buffer x, Buffer y) {
        backend.softmax(x, y);
    }

    @Override
    void applyBackward(ComputeBackend backend, Buffer y, Buffer dy, Buffer dx) {
        backend.softmaxBackward(y, dy, dx);
    }
}
