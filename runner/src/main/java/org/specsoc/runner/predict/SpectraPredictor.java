package org.specsoc.runner.predict;

/**
 * A trained model as {@code specsoc predict} sees it: reflectance spectra on the model's wavelength grid in,
 * SOC and reconstruction error out. Implemented over a loaded model archive (encoder, decoder, the stored
 * preprocessing); {@code predict} code never touches the network itself.
 *
 * <p>Contract: {@link #predict} applies the model's stored preprocessing itself, computes SOC as a mass fraction
 * and, when {@link #reconstructs()}, the reconstruction MRMSE per spectrum exactly as it was computed on the
 * held-out spectra the OOD threshold was calibrated on (RMSE over the model grid between the decoder's output and
 * its target, in the same space). It must be deterministic; it need not be thread-safe (callers use one instance
 * per thread).
 */
public interface SpectraPredictor {

    /** The model's wavelength grid, nm, increasing: the grid {@link #predict} takes spectra on. */
    double[] wavelengths();

    /** Whether the model has a reconstruction decoder; {@code false} for decoder {@code none}: no MRMSE, no flag. */
    boolean reconstructs();

    /**
     * Whether {@link #predict} can return the reconstruction as reflectance on the model grid, comparable value
     * for value with the input (true when the decoder reconstructs the input spectrum and the stored
     * preprocessing leaves reflectance as reflectance, or can be inverted). Image prediction then measures the
     * reconstruction error at the sensor's own bands (see {@code BandResampler}); otherwise it uses
     * {@link #predict}'s MRMSE on the model grid.
     */
    default boolean reconstructsReflectance() {
        return false;
    }

    /** Rows per call that suit the implementation (memory and throughput); callers pass at most this many. */
    default int preferredBatchRows() {
        return 4096;
    }

    /**
     * Predicts {@code rows} spectra.
     *
     * @param spectra        {@code rows x wavelengths().length} reflectance, row-major, on {@link #wavelengths()}
     * @param rows           number of spectra
     * @param soc            out: SOC mass fraction per spectrum
     * @param mrmse          out: reconstruction MRMSE per spectrum; ignored (may be {@code null}) without decoder
     * @param reconstruction out, optional: {@code rows x wavelengths().length} reconstructed reflectance; pass
     *                       {@code null} when not needed; only filled when {@link #reconstructsReflectance()}
     */
    void predict(float[] spectra, int rows, float[] soc, float[] mrmse, float[] reconstruction);
}
