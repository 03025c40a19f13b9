package org.specsoc.runner.predict;

import org.specsoc.api.model.FittedEncoder;

/**
 * A closed-form encoder (PLSR) as {@code specsoc predict} sees it. With {@code outlierFlag} its "reconstruction
 * error" is the classical Q residual turned into the same units as a decoder's: {@code mrmse = sqrt(Q / bands)},
 * the root mean square over bands of the difference between the spectrum (centred, and scaled when the model
 * scales) and its projection on the PLS loadings. The OOD threshold of such a model is calibrated on exactly
 * this quantity, so the flag means the same thing: the spectrum lies further from the training spectra's
 * subspace than 99 % of held-out training spectra did. Hotelling's T² is not used for the flag.
 */
public final class FittedEncoderPredictor implements SpectraPredictor {
    private final FittedEncoder encoder;
    private final boolean outlierFlag;
    private float[] q = new float[0];

    /**
     * @param outlierFlag whether to report {@code sqrt(Q / bands)} as MRMSE (and so have an OOD flag); needs
     *                    {@link FittedEncoder#hasOutlierStatistics()}
     */
    public FittedEncoderPredictor(FittedEncoder encoder, boolean outlierFlag) {
        if (outlierFlag && !encoder.hasOutlierStatistics()) {
            throw new IllegalArgumentException("encoder '" + encoder.name() + "' has no outlier statistics: no flag");
        }
        this.encoder = encoder;
        this.outlierFlag = outlierFlag;
    }

    @Override
    public double[] wavelengths() {
        return encoder.shape().wavelengths();
    }

    @Override
    public boolean reconstructs() {
        return outlierFlag;
    }

    @Override
    public void predict(float[] spectra, int rows, float[] soc, float[] mrmse, float[] reconstruction) {
        if (!outlierFlag || mrmse == null) {
            encoder.predict(spectra, rows, soc, null, null);
            return;
        }
        if (q.length < rows) {
            q = new float[rows];
        }
        encoder.predict(spectra, rows, soc, null, q);
        int bands = encoder.shape().bands();
        for (int i = 0; i < rows; i++) {
            mrmse[i] = (float) Math.sqrt(q[i] / bands);
        }
    }
}
