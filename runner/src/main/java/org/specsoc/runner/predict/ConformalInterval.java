package org.specsoc.runner.predict;

import java.util.Arrays;

/**
 * A split-conformal prediction interval for SOC (Vovk et al.; Lei et al. 2018, "Distribution-free predictive
 * inference for regression"): on a labelled calibration set the model never fitted, the absolute residuals
 * |y - ŷ| are sorted and the k-th smallest, k = ⌈(n + 1) level⌉, is the half-width q. For a new spectrum
 * exchangeable with the calibration set, [ŷ - q, ŷ + q] contains the true SOC with probability at least
 * {@code level} (and below level + 1/(n + 1)). The interval is clipped to [0, 1], the range of a mass fraction;
 * clipping never excludes a true value, so coverage is unchanged.
 *
 * <p>The guarantee is marginal and assumes exchangeability: for a spectrum out of the training distribution
 * it does not hold, which is what the reconstruction-error flag is for.
 */
public record ConformalInterval(double level, double halfWidth, int calibrationSize, String method) {
    public static final double DEFAULT_LEVEL = 0.9;
    public static final String METHOD = "split-conformal, absolute residual score, k = ceil((n+1) level)";

    public ConformalInterval {
        OodThreshold.requireProbability(level, "interval level");
        if (!(halfWidth >= 0) || Double.isInfinite(halfWidth)) {
            throw new IllegalArgumentException("interval half-width must be finite and non-negative, got "
                    + halfWidth);
        }
    }

    /** |observed - predicted|, sorted increasing; a pair with a NaN is an error naming its index. */
    public static double[] absoluteResiduals(double[] predicted, double[] observed) {
        if (predicted.length != observed.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + observed.length
                    + " observations");
        }
        double[] r = new double[predicted.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.abs(observed[i] - predicted[i]);
            if (Double.isNaN(r[i])) {
                throw new IllegalArgumentException("calibration pair " + i + " has no value (predicted "
                        + predicted[i] + ", observed " + observed[i] + ")");
            }
        }
        Arrays.sort(r);
        return r;
    }

    /** The smallest calibration set that gives a finite interval at {@code level}: ⌈level / (1 - level)⌉. */
    public static int minimumCalibrationSize(double level) {
        OodThreshold.requireProbability(level, "interval level");
        int n = 1;
        while (rank(n, level) > n) {
            n++;
        }
        return n;
    }

    /** The interval at {@code level} from sorted absolute residuals ({@link #absoluteResiduals}). */
    public static ConformalInterval fromSortedResiduals(double[] sortedResiduals, double level) {
        OodThreshold.requireProbability(level, "interval level");
        int n = sortedResiduals.length;
        int k = rank(n, level);
        if (k > n) {
            throw new IllegalArgumentException("a split-conformal interval at level " + level + " needs at least "
                    + minimumCalibrationSize(level) + " labelled calibration spectra; there are " + n);
        }
        return new ConformalInterval(level, sortedResiduals[k - 1], n, METHOD);
    }

    /** ⌈(n + 1) level⌉, immune to (n + 1) x 0.9 = 90.00000000000001. */
    static int rank(int n, double level) {
        return (int) Math.ceil((n + 1) * level - 1e-9);
    }

    public double lower(double predicted) {
        return Math.max(0, Math.min(1, predicted - halfWidth));
    }

    public double upper(double predicted) {
        return Math.min(1, Math.max(0, predicted + halfWidth));
    }
}
