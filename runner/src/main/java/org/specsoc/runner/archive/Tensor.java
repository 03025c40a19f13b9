package org.specsoc.runner.archive;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named float32 array with its shape, row-major (C order, as numpy's {@code reshape} reads it).
 *
 * @param name  dotted name such as {@code encoder.l1.weight}; letters, digits, {@code . _ -} only, because it
 *              becomes a zip entry name
 * @param shape sizes of the dimensions, each at least 1; empty for a scalar
 * @param data  the values, {@code product(shape)} of them; not copied, so do not change it afterwards
 */
public record Tensor(String name, int[] shape, float[] data) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        if (!NAME.matcher(name).matches() || name.length() > 200) {
            throw new IllegalArgumentException("tensor name '" + name + "' must be dotted words of letters, digits,"
                    + " '_' and '-' (at most 200 characters)");
        }
        shape = shape.clone();
        long size = elementCount(name, shape);
        if (size != data.length) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(shape) + " ("
                    + size + " values) but " + data.length + " values");
        }
    }

    /** A one-dimensional tensor. */
    public static Tensor vector(String name, float[] data) {
        return new Tensor(name, new int[] {data.length}, data);
    }

    static long elementCount(String name, int[] shape) {
        long size = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(shape)
                        + ": every dimension must be at least 1");
            }
            size *= d;
            if (size > (Integer.MAX_VALUE - 8) / Float.BYTES) {
                throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(shape)
                        + ": too many values for one archive entry");
            }
        }
        return size;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Equal name, shape and bit patterns (so NaN equals the same NaN, and 0.0 differs from -0.0). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tensor t) || !name.equals(t.name) || !Arrays.equals(shape, t.shape)
                || data.length != t.data.length) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            if (Float.floatToRawIntBits(data[i]) != Float.floatToRawIntBits(t.data[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + Arrays.toString(shape) + "]";
    }
}
