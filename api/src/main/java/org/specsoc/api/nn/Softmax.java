package org.specsoc.api.nn;

import java.util.List;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.model.TensorSpec;

/** Row-wise softmax: the encoder's output, non-negative mass fractions that sum to 1. */
public final class Softmax implements Layer {
    private final int n;
    private final RowStorage y;
    private final RowStorage dx;
    private ComputeBackend backend;
    private Buffer lastY;

    public Softmax(int n) {
        this.n = n;
        this.y = new RowStorage(n);
        this.dx = new RowStorage(n);
    }

    @Override
    public int inputs() {
        return n;
    }

    @Override
    public int outputs() {
        return n;
    }

    @Override
    public List<TensorSpec> tensors() {
        return List.of();
    }

    @Override
    public void bind(ComputeBackend backend, Buffer parameters, Buffer gradients, Buffer state) {
        this.backend = backend;
        y.bind(backend);
        dx.bind(backend);
    }

    @Override
    public void initialise(long seed) {
    }

    @Override
    public Buffer forward(Buffer x, BatchNormMode mode) {
        Views.checkSize(x, n, "Softmax");
        lastY = y.rows(x.rows());
        backend.softmax(x, lastY);
        return lastY;
    }

    @Override
    public Buffer backward(Buffer dOut, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        Buffer result = dx.rows(dOut.rows());
        backend.softmaxBackward(lastY, dOut, result);
        return result;
    }
}
