package org.specsoc.api.nn;

import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;

/** A rows x cols work buffer that grows to the largest batch seen and hands out views of its first rows. */
final class RowStorage {
    private final int cols;
    private ComputeBackend backend;
    private Buffer storage;

    RowStorage(int cols) {
        this.cols = cols;
    }

    void bind(ComputeBackend backend) {
        this.backend = backend;
    }

    /** A view of the first {@code rows} rows; contents are unspecified. */
    Buffer rows(int rows) {
        if (backend == null) {
            throw new IllegalStateException("layer used before bind()");
        }
        if (storage == null || storage.rows() < rows) {
            if (storage != null) {
                backend.release(storage);
            }
            storage = backend.allocate(rows, cols);
        }
        return storage.rows() == rows ? storage : backend.view(storage, 0, rows, cols);
    }
}
