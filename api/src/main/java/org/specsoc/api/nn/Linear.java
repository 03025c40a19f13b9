package org.specsoc.api.nn;

import java.util.List;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.compute.GemmLayout;
import org.specsoc.api.model.TensorSpec;
import org.specsoc.api.plugin.RandomStreams;

/**
 * y = act(x . W + b) with W stored inputs x outputs (the transpose of PyTorch's layout, so the forward pass is
 * one NN GEMM with the bias and activation fused). Initialised like PyTorch: U(-1/sqrt(in), 1/sqrt(in)).
 */
public final class Linear implements Layer {
    private final int in;
    private final int out;
    private final Activation act;
    private final RowStorage y;
    private final RowStorage dz;
    private final RowStorage dx;
    private ComputeBackend backend;
    private Buffer weight;
    private Buffer bias;
    private Buffer dWeight;
    private Buffer dBias;
    private Buffer lastX;
    private Buffer lastY;

    public Linear(int in, int out, Activation act) {
        this.in = in;
        this.out = out;
        this.act = act;
        this.y = new RowStorage(out);
        this.dz = new RowStorage(out);
        this.dx = new RowStorage(in);
    }

    @Override
    public int inputs() {
        return in;
    }

    @Override
    public int outputs() {
        return out;
    }

    @Override
    public List<TensorSpec> tensors() {
        return List.of(new TensorSpec("weight", in, out, true), new TensorSpec("bias", 1, out, true));
    }

    @Override
    public void bind(ComputeBackend backend, Buffer parameters, Buffer gradients, Buffer state) {
        this.backend = backend;
        Buffer[] p = Views.of(backend, parameters, tensors(), true);
        Buffer[] g = Views.of(backend, gradients, tensors(), true);
        weight = p[0];
        bias = p[1];
        dWeight = g[0];
        dBias = g[1];
        y.bind(backend);
        dz.bind(backend);
        dx.bind(backend);
    }

    @Override
    public void initialise(long seed) {
        float bound = (float) (1 / Math.sqrt(in));
        RandomStreams streams = new RandomStreams(seed);
        backend.uniform(weight, -bound, bound, streams.seedFor("weight"));
        backend.uniform(bias, -bound, bound, streams.seedFor("bias"));
    }

    @Override
    public Buffer forward(Buffer x, BatchNormMode mode) {
        Views.checkSize(x, in, "Linear(" + in + " -> " + out + ")");
        Buffer result = y.rows(x.rows());
        backend.gemm(GemmLayout.NN, x, weight, result, bias, act, false);
        lastX = x;
        lastY = result;
        return result;
    }

    @Override
    public Buffer backward(Buffer dOut, boolean inputGradient) {
        int b = dOut.rows();
        Buffer g = dOut;
        if (act != Activation.IDENTITY) {
            g = dz.rows(b);
            backend.activationBackward(act, lastY, dOut, g);
        }
        backend.gemm(GemmLayout.TN, lastX, g, dWeight, null, Activation.IDENTITY, true);
        backend.columnSums(g, dBias, true);
        if (!inputGradient) {
            return null;
        }
        Buffer result = dx.rows(b);
        backend.gemm(GemmLayout.NT, g, weight, result, null, Activation.IDENTITY, false);
        return result;
    }
}
