package org.specsoc.api.nn;

import java.util.ArrayList;
import java.util.List;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.model.TensorSpec;
import org.specsoc.api.plugin.RandomStreams;

/**
 * Layers applied in order (PyTorch's nn.Sequential). Tensors are named {@code <index>.<name>} like PyTorch's
 * state_dict, and laid out layer after layer in the flat buffers.
 */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    public Sequential(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a Sequential needs at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).inputs() != layers.get(i - 1).outputs()) {
                throw new IllegalArgumentException("layer " + i + " takes " + layers.get(i).inputs()
                        + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).outputs());
            }
        }
        this.layers = List.copyOf(layers);
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public int inputs() {
        return layers.get(0).inputs();
    }

    @Override
    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    @Override
    public List<TensorSpec> tensors() {
        var all = new ArrayList<TensorSpec>();
        for (int i = 0; i < layers.size(); i++) {
            for (TensorSpec t : layers.get(i).tensors()) {
                all.add(t.prefixed(i + "."));
            }
        }
        return all;
    }

    @Override
    public void bind(ComputeBackend backend, Buffer parameters, Buffer gradients, Buffer state) {
        int p = 0;
        int s = 0;
        for (Layer layer : layers) {
            int pc = layer.parameterCount();
            int sc = layer.stateCount();
            layer.bind(backend, pc == 0 ? null : backend.view(parameters, p, 1, pc),
                    pc == 0 ? null : backend.view(gradients, p, 1, pc),
                    sc == 0 ? null : backend.view(state, s, 1, sc));
            p += pc;
            s += sc;
        }
    }

    @Override
    public void initialise(long seed) {
        RandomStreams streams = new RandomStreams(seed);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).initialise(streams.seedFor("layer-" + i));
        }
    }

    @Override
    public Buffer forward(Buffer x, BatchNormMode mode) {
        Buffer h = x;
        for (Layer layer : layers) {
            h = layer.forward(h, mode);
        }
        return h;
    }

    @Override
    public Buffer backward(Buffer dOut, boolean inputGradient) {
        Buffer g = dOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, i > 0 || inputGradient);
        }
        return g;
    }
}
