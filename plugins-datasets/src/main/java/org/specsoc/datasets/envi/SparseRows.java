package org.specsoc.datasets.envi;

import java.util.Arrays;

/**
 * A resampling as a sparse matrix in compressed-row form: output value {@code i} is the weighted sum of the
 * input values {@code columns[start[i] .. start[i+1])}. Weights are computed once per pair of grids; applying
 * them to a spectrum is then a few multiply-adds per output value.
 */
final class SparseRows {
    private final int[] start;
    private final int[] columns;
    private final double[] weights;
    /** When no row has more than two entries (linear interpolation): the same weights as two taps per row. */
    private final int[] tapA;
    private final int[] tapB;
    private final float[] weightA;
    private final float[] weightB;

    private SparseRows(int[] start, int[] columns, double[] weights) {
        this.start = start;
        this.columns = columns;
        this.weights = weights;
        int rows = start.length - 1;
        boolean twoTaps = true;
        for (int i = 0; i < rows && twoTaps; i++) {
            twoTaps = start[i + 1] - start[i] <= 2;
        }
        if (twoTaps) {
            tapA = new int[rows];
            tapB = new int[rows];
            weightA = new float[rows];
            weightB = new float[rows];
            for (int i = 0; i < rows; i++) {
                int k = start[i];
                int n = start[i + 1] - k;
                tapA[i] = n > 0 ? columns[k] : 0;
                weightA[i] = n > 0 ? (float) weights[k] : 0;
                tapB[i] = n > 1 ? columns[k + 1] : tapA[i];
                weightB[i] = n > 1 ? (float) weights[k + 1] : 0;
            }
        } else {
            tapA = null;
            tapB = null;
            weightA = null;
            weightB = null;
        }
    }

    int rows() {
        return start.length - 1;
    }

    void apply(float[] in, int inOffset, float[] out, int outOffset) {
        if (tapA != null) {
            // the hot path of image prediction: one pixel to the model grid, no inner loop
            for (int i = 0; i < tapA.length; i++) {
                out[outOffset + i] = weightA[i] * in[inOffset + tapA[i]] + weightB[i] * in[inOffset + tapB[i]];
            }
            return;
        }
        for (int i = 0; i < start.length - 1; i++) {
            double sum = 0;
            for (int k = start[i]; k < start[i + 1]; k++) {
                sum += weights[k] * in[inOffset + columns[k]];
            }
            out[outOffset + i] = (float) sum;
        }
    }

    double[] apply(double[] in) {
        double[] out = new double[rows()];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            for (int k = start[i]; k < start[i + 1]; k++) {
                sum += weights[k] * in[columns[k]];
            }
            out[i] = sum;
        }
        return out;
    }

    /** Collects rows one at a time. */
    static final class Builder {
        private int[] start = new int[16];
        private int rows;
        private int[] columns = new int[64];
        private double[] weights = new double[64];
        private int size;

        void add(int column, double weight) {
            if (size == columns.length) {
                columns = Arrays.copyOf(columns, size * 2);
                weights = Arrays.copyOf(weights, size * 2);
            }
            columns[size] = column;
            weights[size++] = weight;
        }

        /** Ends the current row, scaling its weights to sum to one. */
        void endRow(boolean normalise) {
            if (normalise) {
                double total = 0;
                for (int k = start[rows]; k < size; k++) {
                    total += weights[k];
                }
                for (int k = start[rows]; k < size; k++) {
                    weights[k] /= total;
                }
            }
            if (rows + 2 > start.length) {
                start = Arrays.copyOf(start, start.length * 2);
            }
            start[++rows] = size;
        }

        SparseRows build() {
            return new SparseRows(Arrays.copyOf(start, rows + 1), Arrays.copyOf(columns, size),
                    Arrays.copyOf(weights, size));
        }
    }
}
