package org.specsoc.api.compute;

/**
 * The part of a {@link Buffer} that is the same on every backend: a window of {@code rows x cols} floats at an
 * offset in storage its backend owns, the ownership check, and the bounds check of a view. Backends extend it
 * with where the floats live (a heap array, an offset in a device arena, ...).
 */
public abstract class BufferWindow implements Buffer {
    private final ComputeBackend owner;
    private final int offset;
    private final int rows;
    private final int cols;

    protected BufferWindow(ComputeBackend owner, int offset, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        this.owner = owner;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final int cols() {
        return cols;
    }

    @Override
    public final ComputeBackend backend() {
        return owner;
    }

    /** Where this window starts in its storage, in floats. */
    public final int offset() {
        return offset;
    }

    /**
     * The storage offset of a view of {@code rows x cols} floats starting {@code relative} floats into this
     * buffer.
     *
     * @throws IndexOutOfBoundsException when the view does not lie inside this buffer
     */
    public final int viewOffset(int relative, int rows, int cols) {
        long end = (long) relative + (long) rows * cols;
        if (relative < 0 || rows < 0 || cols < 0 || end > size()) {
            throw new IndexOutOfBoundsException("view [" + relative + ", +" + (long) rows * cols + ") outside "
                    + this + " of " + size());
        }
        return offset + relative;
    }

    /**
     * {@code buffer} as the backend's own buffer type.
     *
     * @param role what the buffer is to the operation, for the message
     * @throws IllegalArgumentException when it is another backend's (or another instance's) buffer
     */
    public static <B extends BufferWindow> B owned(Buffer buffer, Class<B> type, ComputeBackend backend,
                                                   String role) {
        if (buffer == null) {
            throw new NullPointerException(role);
        }
        if (!type.isInstance(buffer) || buffer.backend() != backend) {
            throw new IllegalArgumentException(role + ": buffer " + buffer + " does not belong to this "
                    + backend.name() + " backend");
        }
        return type.cast(buffer);
    }
}
