package org.specsoc.api.model;

import java.util.List;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;

/**
 * A trainable piece of a network. Its tensors live in storage it does not own: {@link #bind} hands it views of
 * one flat parameter buffer, one flat gradient buffer of the same layout and one flat state buffer (BatchNorm
 * running statistics), so that the optimiser runs over a single flat buffer and a checkpoint is three arrays.
 *
 * <p>Order: trainable tensors occupy the parameter buffer in the order of {@link #tensors()}, state tensors
 * occupy the state buffer in that same order. The order is fixed: archives depend on it.
 *
 * <p>Life cycle: {@link #bind} once, then {@link #initialise} (or load values into the buffers), then any
 * number of {@link #forward}/{@link #backward} pairs. Activation storage grows to the largest batch seen.
 */
public interface NetworkPart {

    /** Every tensor, trainable and state, in storage order. */
    List<TensorSpec> tensors();

    default int parameterCount() {
        return tensors().stream().filter(TensorSpec::trainable).mapToInt(TensorSpec::size).sum();
    }

    default int stateCount() {
        return tensors().stream().filter(t -> !t.trainable()).mapToInt(TensorSpec::size).sum();
    }

    /**
     * Binds this part to its storage. Each buffer is 1 x count ({@link #parameterCount()} for parameters and
     * gradients, {@link #stateCount()} for state), or null when that count is 0.
     */
    void bind(ComputeBackend backend, Buffer parameters, Buffer gradients, Buffer state);

    /**
     * PyTorch's default initialisation from {@code seed} (Linear: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight
     * and bias; BatchNorm: gamma 1, beta 0, running mean 0, running variance 1), drawn with the backend's
     * counter-based generator so that every backend starts from the same numbers.
     */
    void initialise(long seed);

    /**
     * Forward pass of a batch (rows = samples). The returned buffer is owned by this part and valid until the
     * next forward call. In {@link BatchNormMode#TRAINING} the BatchNorm running statistics are updated.
     */
    Buffer forward(Buffer x, BatchNormMode mode);

    /**
     * Backward pass for the last forward call (which must not have been in INFERENCE mode): adds the
     * parameter gradients into the gradient buffer and returns the gradient with respect to the input
     * (owned by this part). {@code dOut} may be overwritten.
     */
    Buffer backward(Buffer dOut);
}
