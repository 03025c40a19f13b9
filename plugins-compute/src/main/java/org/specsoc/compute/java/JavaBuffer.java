package org.specsoc.compute.java;

import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;

/** Heap storage of the Java backend: a window of {@code rows * cols} floats of a shared array. */
final class JavaBuffer implements Buffer {
    final float[] data;
    final int offset;
    private final int rows;
    private final int cols;
    private final JavaBackend owner;

    JavaBuffer(JavaBackend owner, float[] data, int offset, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
        }
        this.owner = owner;
        this.data = data;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public ComputeBackend backend() {
        return owner;
    }

    @Override
    public String toString() {
        return "JavaBuffer[" + rows + " x " + cols + " at " + offset + "]";
    }
}
