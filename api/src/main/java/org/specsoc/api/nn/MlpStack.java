package org.specsoc.api.nn;

import java.util.ArrayList;
import java.util.List;
import org.specsoc.api.compute.Activation;

/**
 * The authors' fully connected stack, shared by the {@code mlp} encoder and the {@code ann} decoder:
 * BatchNorm1d(in); Linear(in -> H), BatchNorm1d(H), ReLU; (blocks - 1) x [Linear(H -> H), BatchNorm1d(H), ReLU];
 * Linear(H -> out) with {@code outputActivation}. ReLU is fused into the BatchNorm before it.
 */
public final class MlpStack {
    private MlpStack() {
    }

    /** The layers of the stack; append e.g. a {@link Softmax} for the encoder. */
    public static List<Layer> layers(int in, int hidden, int blocks, int out, Activation outputActivation) {
        if (in < 1 || hidden < 1 || out < 1 || blocks < 1) {
            throw new IllegalArgumentException("stack sizes must be positive: in " + in + ", hidden " + hidden
                    + ", blocks " + blocks + ", out " + out);
        }
        var layers = new ArrayList<Layer>();
        layers.add(new BatchNorm1d(in, Activation.IDENTITY));
        int width = in;
        for (int b = 0; b < blocks; b++) {
            layers.add(new Linear(width, hidden, Activation.IDENTITY));
            layers.add(new BatchNorm1d(hidden, Activation.RELU));
            width = hidden;
        }
        layers.add(new Linear(width, out, outputActivation));
        return layers;
    }

    /** Trainable parameters of {@link #layers}: 2 in + (in + 3) H + (blocks - 1)(H^2 + 3H) + (H + 1) out. */
    public static long parameterCount(int in, int hidden, int blocks, int out) {
        long h = hidden;
        return 2L * in + (in + 3L) * h + (blocks - 1L) * (h * h + 3 * h) + (h + 1) * out;
    }
}
