package org.specsoc.runner.predict;

import org.apache.commons.statistics.descriptive.NaNPolicy;
import org.apache.commons.statistics.descriptive.Quantile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconstruction error above which a spectrum is flagged as out of distribution: the {@code quantile}
 * (default 0.99) of the reconstruction MRMSE of held-out training spectra, which the model never fitted.
 *
 * <p>Estimator: Hyndman and Fan's type 6 (the p(n+1) plotting position, linear between order statistics),
 * computed with Apache Commons Statistics' {@code Quantile}. For exchangeable scores, type 6 places its
 * estimate at the order statistic whose exceedance probability by a new in-distribution spectrum is exactly
 * 1 - p, so the flag rate on in-distribution data is about 1 - quantile. With fewer than 1/(1 - p) - 1 scores
 * the estimate is their maximum.
 *
 * @param calibrationSize the number of held-out spectra the threshold came from
 * @param method          the estimator, for the archive's record
 */
public record OodThreshold(double quantile, double threshold, int calibrationSize, String method) {
    public static final double DEFAULT_QUANTILE = 0.99;
    public static final String METHOD = "Hyndman-Fan type 6 quantile (p(n+1) plotting position), "
            + "Apache Commons Statistics Quantile";

    private static final Logger LOG = LoggerFactory.getLogger(OodThreshold.class);

    public OodThreshold {
        requireProbability(quantile, "OOD quantile");
        if (!Double.isFinite(threshold) || threshold < 0) {
            throw new IllegalArgumentException("OOD threshold must be a finite reconstruction error, got " + threshold);
        }
        if (calibrationSize <= 0) {
            throw new IllegalArgumentException("OOD threshold needs at least one calibration spectrum");
        }
    }

    /** The {@code quantile} of {@code heldOutMrmse}; NaN scores are an error (they would hide failed spectra). */
    public static OodThreshold calibrate(double[] heldOutMrmse, double quantile) {
        requireProbability(quantile, "OOD quantile");
        if (heldOutMrmse.length == 0) {
            throw new IllegalArgumentException("no held-out spectra to calibrate the OOD threshold on");
        }
        double threshold;
        try {
            threshold = Quantile.withDefaults().withCopy(true).with(Quantile.EstimationMethod.HF6)
                    .with(NaNPolicy.ERROR)
                    .evaluate(heldOutMrmse, quantile);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("held-out reconstruction errors contain NaN: " + e.getMessage(), e);
        }
        if (heldOutMrmse.length < 1 / (1 - quantile) - 1) {
            LOG.warn("only {} held-out spectra: their {} quantile is their maximum", heldOutMrmse.length, quantile);
        }
        return new OodThreshold(quantile, threshold, heldOutMrmse.length, METHOD);
    }

    /** Whether a spectrum with this reconstruction error is flagged (strictly above the threshold). */
    public boolean flags(double mrmse) {
        return mrmse > threshold;
    }

    static void requireProbability(double p, String what) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException(what + " must lie strictly between 0 and 1, got " + p);
        }
    }
}
