package org.specsoc.encoders.plsr;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.split.GroupKFold;
import org.specsoc.api.split.Split;

/**
 * Cross-validation folds over the labelled rows of a training set, grouped so that no group is on both sides.
 * Groups are the pedon column when the data have one with at least two pedons, else the region column, else
 * every row is its own group and the rows are shuffled. Grouped assignment is the shared {@link GroupKFold}
 * (scikit-learn's: groups in decreasing size, each to the fold with the fewest rows so far), which balances
 * fold sizes and needs no randomness. A row with a blank group value is a group of its own (it cannot share a
 * group with anything).
 *
 * @param fold     fold index (0 .. count-1) per row of {@code rows}
 * @param rows     the data set rows (labelled rows, increasing)
 * @param count    the number of folds
 * @param grouping the group column used, or {@code "none"}
 */
record CvFolds(int[] fold, int[] rows, int count, String grouping) {
    static final String NONE = "none";

    /** Folds over {@code rows} of {@code data}: at most {@code requested}, at least 2. */
    static CvFolds of(SpectralDataset data, int[] rows, int requested, SplittableRandom random) {
        if (rows.length < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 labelled spectra, got "
                    + rows.length);
        }
        for (String column : List.of(SpectralDataset.PEDON, SpectralDataset.REGION)) {
            if (data.hasGroup(column)) {
                String[] names = data.group(column);
                String[] g = new String[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    String v = names[rows[i]];
                    g[i] = v == null || v.isBlank() ? null : v;
                }
                int distinct = distinct(g);
                if (distinct >= 2) {
                    return grouped(g, rows, Math.min(requested, distinct), column);
                }
            }
        }
        return plain(rows, Math.min(requested, rows.length), random);
    }

    /** {@link GroupKFold} over {@code groups} (null = a group of its own). */
    static CvFolds grouped(String[] groups, int[] rows, int folds, String grouping) {
        String[] named = new String[groups.length];
        for (int i = 0; i < groups.length; i++) {
            // A NUL-prefixed name cannot clash with a group value read from a table.
            named[i] = groups[i] != null ? groups[i] : "\u0000row " + i;
        }
        int[] fold = new int[groups.length];
        List<Split> splits = new GroupKFold(folds).splits(named);
        for (int f = 0; f < splits.size(); f++) {
            for (int i : splits.get(f).validation()) {
                fold[i] = f;
            }
        }
        return new CvFolds(fold, rows.clone(), folds, grouping);
    }

    /** Shuffled K-fold: row positions permuted, then dealt out in turn. */
    static CvFolds plain(int[] rows, int folds, SplittableRandom random) {
        int n = rows.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % folds;
        }
        return new CvFolds(fold, rows.clone(), folds, NONE);
    }

    /** Groups in {@code g}, each null counting as a group of its own. */
    private static int distinct(String[] g) {
        long nulls = Arrays.stream(g).filter(v -> v == null).count();
        return (int) (Arrays.stream(g).filter(v -> v != null).distinct().count() + nulls);
    }

    /** The data set rows of fold {@code f}, increasing. */
    int[] rowsOf(int f) {
        return IntStream.range(0, rows.length).filter(i -> fold[i] == f).map(i -> rows[i]).toArray();
    }

    int size(int f) {
        int n = 0;
        for (int v : fold) {
            if (v == f) {
                n++;
            }
        }
        return n;
    }
}
