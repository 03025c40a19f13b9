package org.specsoc.api.split;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random split stratified by group, per spectrum, as the authors' 60:40 split (reference-spec 1.5): within each
 * group the rows are permuted and the first {@code floor(validationFraction * n)} go to validation. Rows of one
 * pedon may land on both sides; use {@link GroupedStratifiedSplit} to avoid that.
 */
public final class StratifiedRandomSplit {
    private final double validationFraction;

    /** @param trainingFraction share of each group's rows that goes to training, in (0, 1). */
    public StratifiedRandomSplit(double trainingFraction) {
        if (!(trainingFraction > 0 && trainingFraction < 1)) {
            throw new IllegalArgumentException("training fraction must lie in (0, 1), got " + trainingFraction);
        }
        // Kept as the validation share because the authors floor the validation count.
        this.validationFraction = 1.0 - trainingFraction;
    }

    /** The authors' 60:40 split. */
    public static StratifiedRandomSplit sixtyForty() {
        return new StratifiedRandomSplit(0.6);
    }

    public Split split(String[] strata, SplittableRandom random) {
        GroupIndex index = GroupIndex.of(strata);
        int[] validation = new int[strata.length];
        int v = 0;
        for (String g : index.groups()) {
            int[] rows = index.rowsOf(g);
            Permutations.shuffle(rows, random);
            int k = validationCount(rows.length, validationFraction);
            System.arraycopy(rows, 0, validation, v, k);
            v += k;
        }
        validation = Arrays.copyOf(validation, v);
        return new Split(Permutations.complement(validation, strata.length), validation,
                "stratified random " + percent(1 - validationFraction) + ":" + percent(validationFraction));
    }

    static int validationCount(int n, double fraction) {
        // A tiny tolerance so that 0.4 * 10 computed as 1 - 0.6 does not floor to 3.
        return (int) Math.floor(n * fraction + 1e-9);
    }

    static String percent(double f) {
        return Long.toString(Math.round(f * 100));
    }
}
