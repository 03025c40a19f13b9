package org.specsoc.encoders.plsr;

import org.specsoc.api.data.SpectralDataset;

/**
 * Rows laid out for the backend as {@code [x - mu, y - yMu, 1]} (bands + 2 columns). One product
 * {@code A^T A} of such a block gives, in one GEMM, every sum PLS needs: the band cross-products, the band-SOC
 * cross-products (X^T y), the band sums, the SOC sums and the row count. Centring on a global mean first keeps
 * the float32 cross-products free of the cancellation uncentred reflectances would cause.
 */
final class AugmentedRows {
    private AugmentedRows() {
    }

    static int width(int bands) {
        return bands + 2;
    }

    /**
     * Writes rows {@code rows[from .. from+count)} of {@code data} into {@code block} (row-major, width
     * {@code bands + 2}).
     */
    static void fill(SpectralDataset data, int[] rows, int from, int count, float[] mu, double yMu, float[] block) {
        fillColumns(data, rows, from, count, mu, yMu, 0, width(data.bands()), block);
    }

    /**
     * Writes columns {@code [colFrom, colTo)} of the augmented rows {@code rows[from .. from+count)} into
     * {@code block} (row-major, width {@code colTo - colFrom}).
     */
    static void fillColumns(SpectralDataset data, int[] rows, int from, int count, float[] mu, double yMu,
                            int colFrom, int colTo, float[] block) {
        int p = data.bands();
        int w = colTo - colFrom;
        int xTo = Math.min(colTo, p);
        float[] x = data.spectra();
        float[] y = data.socLabels();
        for (int i = 0; i < count; i++) {
            int r = rows[from + i];
            int src = r * p;
            int dst = i * w - colFrom;
            for (int j = colFrom; j < xTo; j++) {
                block[dst + j] = x[src + j] - mu[j];
            }
            if (colFrom <= p && p < colTo) {
                block[dst + p] = (float) (y[r] - yMu);
            }
            if (colFrom <= p + 1 && p + 1 < colTo) {
                block[dst + p + 1] = 1f;
            }
        }
    }
}
