package org.specsoc.encoders.plsr;

import java.util.Arrays;

/**
 * The cross-validation curve of PLS: RMSE of held-out SOC for 1 .. {@code rmse.length} components, and the
 * number chosen.
 *
 * @param rmse           pooled RMSE (sqrt of all held-out squared errors over their count) per number of
 *                       components; index k is k + 1 components
 * @param standardError  standard error of the mean of the per-fold RMSEs, per number of components
 * @param chosen         the number of components picked (1-based)
 * @param selection      the rule that picked it
 * @param folds          folds used
 * @param grouping       the group column the folds respect ({@code pedon}, {@code region}) or {@code none}
 */
public record CrossValidation(double[] rmse, double[] standardError, int chosen, ComponentSelection selection,
                              int folds, String grouping) {

    public CrossValidation {
        rmse = rmse.clone();
        standardError = standardError.clone();
    }

    @Override
    public double[] rmse() {
        return rmse.clone();
    }

    @Override
    public double[] standardError() {
        return standardError.clone();
    }

    /**
     * Applies {@code rule} to the per-fold squared-error sums.
     *
     * @param sse       [fold][components - 1] sums of squared held-out errors
     * @param foldSizes labelled rows held out per fold
     */
    static CrossValidation select(double[][] sse, int[] foldSizes, ComponentSelection rule, String grouping) {
        int k = sse.length;
        int models = sse[0].length;
        long total = Arrays.stream(foldSizes).asLongStream().sum();
        double[] rmse = new double[models];
        double[] se = new double[models];
        for (int a = 0; a < models; a++) {
            double sum = 0;
            double[] perFold = new double[k];
            for (int f = 0; f < k; f++) {
                sum += sse[f][a];
                perFold[f] = Math.sqrt(sse[f][a] / foldSizes[f]);
            }
            rmse[a] = Math.sqrt(sum / total);
            double mean = Arrays.stream(perFold).average().orElse(0);
            double var = Arrays.stream(perFold).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, k - 1);
            se[a] = Math.sqrt(var / k);
        }
        int best = 0;
        for (int a = 1; a < models; a++) {
            if (rmse[a] < rmse[best]) {
                best = a;
            }
        }
        int chosen = best;
        if (rule == ComponentSelection.ONE_SE) {
            double limit = rmse[best] + se[best];
            chosen = 0;
            while (rmse[chosen] > limit) {
                chosen++;
            }
        }
        return new CrossValidation(rmse, se, chosen + 1, rule, k, grouping);
    }

    @Override
    public String toString() {
        return "CrossValidation[" + folds + " folds by " + grouping + ", " + selection.key() + " chose " + chosen
                + " components, RMSE " + String.format(java.util.Locale.ROOT, "%.5g", rmse[chosen - 1]) + "]";
    }
}
