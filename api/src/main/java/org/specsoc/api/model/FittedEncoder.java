package org.specsoc.api.model;

import java.util.Arrays;
import java.util.Map;
import org.specsoc.api.data.SpectralDataset;

/**
 * An encoder fitted in closed form (partial least squares and other chemometric baselines) instead of by
 * gradient descent: the trainer calls {@link #fit} once on the training spectra and skips the epoch loop. It
 * predicts SOC only (there is no latent mass-fraction vector to decode), so it pairs with decoder {@code none}.
 *
 * <p>Its fitted state travels as named float32 tensors ({@link #exportState()} / {@link #restore}), which is
 * what the model archive stores; restoring the exported state into a fresh encoder made by the same factory with
 * the same configuration gives bit-identical predictions.
 */
public interface FittedEncoder extends Encoder {

    /**
     * Fits on {@code train}: its labelled rows (unlabelled rows, SOC {@code NaN}, are ignored) and its group
     * columns where the method uses them (e.g. grouped cross-validation by pedon). Replaces any earlier fit.
     *
     * @throws IllegalArgumentException when the data set does not suit this encoder (band count, too few
     *                                  labelled rows), naming what is wrong
     */
    void fit(SpectralDataset train);

    /** Whether {@link #fit} or {@link #restore} has run. */
    boolean fitted();

    /**
     * SOC mass fraction per spectrum.
     *
     * @param spectra {@code rows x shape().bands()}, row-major, preprocessed like the training spectra
     */
    default float[] predictSoc(float[] spectra, int rows) {
        float[] soc = new float[rows];
        predict(spectra, rows, soc, null, null);
        return soc;
    }

    /**
     * SOC and, when {@link #hasOutlierStatistics()}, the classical out-of-distribution statistics per spectrum.
     * Any output may be {@code null} to skip it.
     *
     * @param soc          out: SOC mass fraction
     * @param hotellingT2  out: Hotelling's T² of the spectrum's latent scores (distance inside the model plane,
     *                     in units of the training scores' variances)
     * @param qResidual    out: Q residual, the sum over bands of the squared difference between the spectrum
     *                     (centred and scaled as in training) and its reconstruction from the latent scores;
     *                     {@code sqrt(Q / bands)} is the counterpart of a decoder's reconstruction RMSE
     */
    void predict(float[] spectra, int rows, float[] soc, float[] hotellingT2, float[] qResidual);

    /** Whether {@link #predict} fills {@code hotellingT2} and {@code qResidual}. */
    default boolean hasOutlierStatistics() {
        return false;
    }

    /** The fitted state by name; every tensor is a copy. Throws when not fitted. */
    Map<String, Tensor> exportState();

    /**
     * Replaces the state with {@code state} as written by {@link #exportState()}; throws naming the tensor that
     * is missing or has the wrong shape.
     */
    void restore(Map<String, Tensor> state);

    /**
     * A float32 array with its shape (row-major), the unit the model archive stores.
     *
     * @param shape  dimensions, each at least 0; their product is {@code values.length}
     * @param values the elements, row-major
     */
    record Tensor(int[] shape, float[] values) {

        public Tensor {
            shape = shape.clone();
            values = values.clone();
            long size = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
                }
                size *= d;
            }
            if (size != values.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                        + " values, got " + values.length);
            }
        }

        /** A rows x cols matrix. */
        public static Tensor matrix(int rows, int cols, float[] values) {
            return new Tensor(new int[] {rows, cols}, values);
        }

        /** A vector. */
        public static Tensor vector(float[] values) {
            return new Tensor(new int[] {values.length}, values);
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public float[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Tensor" + Arrays.toString(shape);
        }
    }
}
