package org.specsoc.runner.report;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;

/**
 * Mean and standard error of the mean (sample standard deviation with n - 1, over sqrt n), as the paper's
 * tables report them (scipy {@code sem}). Non-finite values (a metric that does not exist for a run, such as
 * MRMSE without a decoder) are left out; with no finite value the cell is N/A.
 */
public record MeanSe(double mean, double se, int n) {

    public static MeanSe of(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            return new MeanSe(Double.NaN, Double.NaN, 0);
        }
        double mean = Mean.of(finite).getAsDouble();
        double se = finite.length < 2 ? Double.NaN : Math.sqrt(Variance.of(finite).getAsDouble() / finite.length);
        return new MeanSe(mean, se, finite.length);
    }

    public boolean available() {
        return n > 0;
    }

    /** {@code 0.827 ± 0.028} with {@code decimals} digits, or {@code N/A}. */
    public String format(int decimals) {
        if (!available()) {
            return "N/A";
        }
        String f = "%." + decimals + "f";
        String m = String.format(Locale.ROOT, f, mean);
        return Double.isNaN(se) ? m : m + " ± " + String.format(Locale.ROOT, f, se);
    }
}
