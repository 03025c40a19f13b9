package org.specsoc.api.compute;

/**
 * A row-major float32 matrix owned by a {@link ComputeBackend}. Views share storage with their parent (used
 * for the weights inside one flat parameter buffer). Only the backend that made a buffer may use it.
 */
public interface Buffer {

    int rows();

    int cols();

    default int size() {
        return rows() * cols();
    }

    /** The backend that owns this buffer. */
    ComputeBackend backend();
}
