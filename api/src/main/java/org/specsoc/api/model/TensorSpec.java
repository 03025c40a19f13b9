package org.specsoc.api.model;

import java.util.Objects;

/**
 * One named tensor of a network part. Trainable tensors live in the flat parameter buffer (and have a
 * gradient); the others (BatchNorm running statistics) live in the flat state buffer.
 */
public record TensorSpec(String name, int rows, int cols, boolean trainable) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + rows + " x " + cols);
        }
    }

    public int size() {
        return rows * cols;
    }

    /** The same tensor under {@code prefix + name}, used when parts are nested. */
    public TensorSpec prefixed(String prefix) {
        return new TensorSpec(prefix + name, rows, cols, trainable);
    }
}
