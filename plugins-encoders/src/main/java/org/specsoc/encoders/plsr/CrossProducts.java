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
    /** Column slabs: 4 multiply 10 of 16 slab pairs, 62.5% of the full product. */
    static final int SLABS = 4;
    /** Narrower slabs would make GEMMs too small to run at speed. */
    static final int MIN_SLAB = 128;

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
     * of rows through the backend's {@code A^T B} GEMM. The columns are cut into slabs and only the slab pairs
     * on and above the diagonal are multiplied (the product is symmetric), which saves up to half the work.
     */
    static CrossProducts of(ComputeBackend backend, SpectralDataset data, int[] rows, float[] mu, double yMu) {
        int p = data.bands();
        int m = AugmentedRows.width(p);
        CrossProducts out = zero(p);
        if (rows.length == 0) {
            return out;
        }
        int slabs = m >= 4 * MIN_SLAB ? SLABS : 1;
        int[] edge = new int[slabs + 1];
        for (int b = 0; b <= slabs; b++) {
            edge[b] = (int) ((long) m * b / slabs);
        }
        int widest = m - edge[slabs - 1];
        int blockRows = Math.min(BLOCK_ROWS, rows.length);
        float[][] host = new float[slabs][];
        Buffer[] slab = new Buffer[slabs];
        float[] gram = new float[widest * widest];
        Buffer product = backend.allocate(widest, widest);
        try {
            for (int b = 0; b < slabs; b++) {
                host[b] = new float[blockRows * (edge[b + 1] - edge[b])];
                slab[b] = backend.allocate(blockRows, edge[b + 1] - edge[b]);
            }
            double[] s = out.sums;
            for (int from = 0; from < rows.length; from += blockRows) {
                int count = Math.min(blockRows, rows.length - from);
                var views = new Buffer[slabs];
                for (int b = 0; b < slabs; b++) {
                    int w = edge[b + 1] - edge[b];
                    AugmentedRows.fillColumns(data, rows, from, count, mu, yMu, edge[b], edge[b + 1], host[b]);
                    views[b] = count == blockRows ? slab[b] : backend.view(slab[b], 0, count, w);
                    backend.upload(host[b], 0, views[b]);
                }
                for (int b = 0; b < slabs; b++) {
                    for (int c = b; c < slabs; c++) {
                        int wb = edge[b + 1] - edge[b];
                        int wc = edge[c + 1] - edge[c];
                        Buffer g = backend.view(product, 0, wb, wc);
                        backend.gemm(GemmLayout.TN, views[b], views[c], g, null, Activation.IDENTITY, false);
                        backend.download(g, gram, 0);
                        for (int i = 0; i < wb; i++) {
                            int row = (edge[b] + i) * m + edge[c];
                            for (int j = 0; j < wc; j++) {
                                s[row + j] += gram[i * wc + j];
                            }
                        }
                    }
                }
            }
        } finally {
            backend.release(product);
            for (Buffer b : slab) {
                if (b != null) {
                    backend.release(b);
                }
            }
        }
        // Mirror the upper triangle of the off-diagonal slabs into the lower one.
        for (int b = 0; b < slabs; b++) {
            for (int c = b + 1; c < slabs; c++) {
                for (int i = edge[b]; i < edge[b + 1]; i++) {
                    for (int j = edge[c]; j < edge[c + 1]; j++) {
                        out.sums[j * m + i] = out.sums[i * m + j];
                    }
                }
            }
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
