package org.specsoc.encoders.plsr;

import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.compute.GemmLayout;
import org.specsoc.api.data.SpectralDataset;

/**
 * The sums over a set of rows of the outer products of augmented rows {@code a = [x', y', 1]} (see
 * {@link AugmentedRows}), in double. Sums over disjoint row sets add, so the training sums of a
 * cross-validation fold are the total minus the fold's own: one pass over the data serves every fold.
 */
final class CrossProducts {
    /** Rows per GEMM: the float32 sum runs over at most this many rows, the rest is summed in double. */
    static final int BLOCK_ROWS = 2048;

    private final int bands;
    private final double[] sums;

    private CrossProducts(int bands, double[] sums) {
        this.bands = bands;
        this.sums = sums;
    }

    static CrossProducts zero(int bands) {
        int m = AugmentedRows.width(bands);
        return new CrossProducts(bands, new double[m * m]);
    }

    /**
     * The cross-products of {@code rows} of {@code data}, centred on {@code mu} / {@code yMu}: block by block
     * through the backend's {@code A^T A} GEMM.
     */
    static CrossProducts of(ComputeBackend backend, SpectralDataset data, int[] rows, float[] mu, double yMu) {
        int p = data.bands();
        int m = AugmentedRows.width(p);
        CrossProducts out = zero(p);
        if (rows.length == 0) {
            return out;
        }
        int blockRows = Math.min(BLOCK_ROWS, rows.length);
        float[] host = new float[blockRows * m];
        float[] gram = new float[m * m];
        Buffer block = backend.allocate(blockRows, m);
        Buffer product = backend.allocate(m, m);
        try {
            for (int from = 0; from < rows.length; from += blockRows) {
                int count = Math.min(blockRows, rows.length - from);
                AugmentedRows.fill(data, rows, from, count, mu, yMu, host);
                Buffer a = count == blockRows ? block : backend.view(block, 0, count, m);
                backend.upload(host, 0, a);
                backend.gemm(GemmLayout.TN, a, a, product, null, Activation.IDENTITY, false);
                backend.download(product, gram, 0);
                double[] s = out.sums;
                for (int i = 0; i < gram.length; i++) {
                    s[i] += gram[i];
                }
            }
        } finally {
            backend.release(product);
            backend.release(block);
        }
        return out;
    }

    int bands() {
        return bands;
    }

    private int width() {
        return bands + 2;
    }

    /** Number of rows summed. */
    double count() {
        int m = width();
        return sums[(m - 1) * m + (m - 1)];
    }

    /** Sum of x'_j. */
    double sumX(int j) {
        int m = width();
        return sums[(m - 1) * m + j];
    }

    double sumY() {
        int m = width();
        return sums[(m - 1) * m + bands];
    }

    double sumXY(int j) {
        int m = width();
        return sums[bands * m + j];
    }

    double sumXX(int i, int j) {
        return sums[i * width() + j];
    }

    CrossProducts plus(CrossProducts other) {
        double[] s = sums.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += other.sums[i];
        }
        return new CrossProducts(bands, s);
    }

    CrossProducts minus(CrossProducts other) {
        double[] s = sums.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] -= other.sums[i];
        }
        return new CrossProducts(bands, s);
    }
}
