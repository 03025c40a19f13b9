package org.specsoc.api.nn;

import java.util.List;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.model.TensorSpec;

/**
 * PyTorch's BatchNorm1d (affine, eps 1e-5, momentum 0.1) over the columns, with an activation fused after it
 * (ReLU in the hidden blocks). Trainable gamma and beta; running mean and variance are state.
 */
public final class BatchNorm1d implements Layer {
    public static final float EPS = 1e-5f;
    public static final float MOMENTUM = 0.1f;

    private final int n;
    private final Activation act;
    private final RowStorage y;
    private final RowStorage dx;
    private ComputeBackend backend;
    private Buffer gamma;
    private Buffer beta;
    private Buffer dGamma;
    private Buffer dBeta;
    private Buffer runningMean;
    private Buffer runningVar;
    private Buffer saveMean;
    private Buffer saveInvStd;
    private Buffer lastX;
    private Buffer lastY;
    private BatchNormMode lastMode;

    public BatchNorm1d(int n, Activation act) {
        this.n = n;
        this.act = act;
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
        return List.of(new TensorSpec("weight", 1, n, true), new TensorSpec("bias", 1, n, true),
                new TensorSpec("running_mean", 1, n, false), new TensorSpec("running_var", 1, n, false));
    }

    @Override
    public void bind(ComputeBackend backend, Buffer parameters, Buffer gradients, Buffer state) {
        this.backend = backend;
        Buffer[] p = Views.of(backend, parameters, tensors(), true);
        Buffer[] g = Views.of(backend, gradients, tensors(), true);
        Buffer[] s = Views.of(backend, state, tensors(), false);
        gamma = p[0];
        beta = p[1];
        dGamma = g[0];
        dBeta = g[1];
        runningMean = s[2];
        runningVar = s[3];
        saveMean = backend.allocate(1, n);
        saveInvStd = backend.allocate(1, n);
        y.bind(backend);
        dx.bind(backend);
    }

    @Override
    public void initialise(long seed) {
        backend.fill(gamma, 1);
        backend.fill(beta, 0);
        backend.fill(runningMean, 0);
        backend.fill(runningVar, 1);
    }

    @Override
    public Buffer forward(Buffer x, BatchNormMode mode) {
        Views.checkSize(x, n, "BatchNorm1d(" + n + ")");
        if (mode != BatchNormMode.INFERENCE && x.rows() < 2) {
            // PyTorch refuses this too: the batch variance of one row is 0 and the output would be beta.
            throw new IllegalArgumentException("BatchNorm with batch statistics needs at least 2 rows, got "
                    + x.rows() + "; use running statistics to predict a single spectrum");
        }
        Buffer result = y.rows(x.rows());
        backend.batchNorm(mode, x, gamma, beta, runningMean, runningVar, MOMENTUM, EPS, saveMean, saveInvStd, act,
                result);
        lastX = x;
        lastY = result;
        lastMode = mode;
        return result;
    }

    @Override
    public Buffer backward(Buffer dOut, boolean inputGradient) {
        if (lastMode == BatchNormMode.INFERENCE) {
            throw new IllegalStateException(
                    "backward after an INFERENCE forward pass: gradients need batch statistics");
        }
        Buffer result = inputGradient ? dx.rows(dOut.rows()) : null;
        backend.batchNormBackward(lastX, lastY, dOut, act, gamma, saveMean, saveInvStd, result, dGamma, dBeta);
        return result;
    }
}
