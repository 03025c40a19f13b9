package org.specsoc.compute.java;

import org.specsoc.api.compute.BufferWindow;

/** Heap storage of the Java backend: a window of {@code rows * cols} floats of a shared array. */
final class JavaBuffer extends BufferWindow {
    final float[] data;

    JavaBuffer(JavaBackend owner, float[] data, int offset, int rows, int cols) {
        super(owner, offset, rows, cols);
        this.data = data;
    }

    @Override
    public String toString() {
        return "JavaBuffer[" + rows() + " x " + cols() + " at " + offset() + "]";
    }
}
