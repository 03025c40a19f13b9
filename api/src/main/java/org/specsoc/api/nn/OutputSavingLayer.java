package org.specsoc.api.nn;

import java.util.List;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.model.TensorSpec;

/**
 * A parameter-free n -> n layer whose backward pass needs only its own output (activations, softmax): it keeps
 * the output of the last forward call and grows its work buffers to the largest batch seen.
 */
abstract class OutputSavingLayer implements Layer {
    private final int n;
    private final String description;
    private final RowStorage y;
    private final RowStorage dx;
    private ComputeBackend backend;
    private Buffer lastY;

    OutputSavingLayer(int n, String description) {
        this.n = n;
        this.description = description;
        this.y = new RowStorage(n);
        this.dx = new RowStorage(n);
    }

    /** y = f(x) on the backend. */
    abstract void apply(ComputeBackend backend, Buffer x, Buffer y);

    /** dx = dL/dx from the saved output y and dy. */
    abstract void applyBackward(ComputeBackend backend, Buffer y, Buffer dy, Buffer dx);

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
        Views.checkSize(x, n, description);
        lastY = y.rows(x.rows());
        apply(backend, x, lastY);
        return lastY;
    }

    @Override
    public Buffer backward(Buffer dOut, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        Buffer result = dx.rows(dOut.rows());
        applyBackward(backend, lastY, dOut, result);
        return result;
    }
}
