package org.specsoc.api.nn;

import java.util.List;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.model.TensorSpec;

/** Cuts the flat parameter/gradient/state buffers into per-tensor views, in tensor order. */
final class Views {
    private Views() {
    }

    /** Views of {@code flat} for each tensor of {@code specs} with the given trainability (others get null). */
    static Buffer[] of(ComputeBackend backend, Buffer flat, List<TensorSpec> specs, boolean trainable) {
        Buffer[] out = new Buffer[specs.size()];
        int offset = 0;
        for (int i = 0; i < specs.size(); i++) {
            TensorSpec t = specs.get(i);
            if (t.trainable() == trainable) {
                out[i] = backend.view(flat, offset, t.rows(), t.cols());
                offset += t.size();
            }
        }
        if (flat != null && offset != flat.size()) {
            throw new IllegalArgumentException("flat buffer holds " + flat.size() + " values, tensors need " + offset);
        }
        return out;
    }

    static void checkSize(Buffer x, int cols, String what) {
        if (x.cols() != cols) {
            throw new IllegalArgumentException(what + " expects rows of " + cols + " values, got " + x.cols());
        }
    }
}
