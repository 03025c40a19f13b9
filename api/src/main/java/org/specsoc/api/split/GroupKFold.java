package org.specsoc.api.split;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * K folds in which no group is on both sides (scikit-learn's GroupKFold): groups, largest first (ties in
 * natural order), each go to the fold with the fewest rows so far. Deterministic: no random state needed.
 */
public final class GroupKFold {
    private final int k;

    public GroupKFold(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("group k-fold needs k >= 2, got " + k);
        }
        this.k = k;
    }

    public int k() {
        return k;
    }

    public List<Split> splits(String[] groups) {
        GroupIndex index = GroupIndex.of(groups);
        if (index.groupCount() < k) {
            throw new IllegalArgumentException(k + " folds need at least " + k + " groups, found "
                    + index.groupCount());
        }
        var order = new ArrayList<>(index.groups());
        // Stable sort keeps the natural order among groups of equal size.
        order.sort(Comparator.comparingInt(index::sizeOf).reversed());
        long[] load = new long[k];
        List<List<int[]>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        for (String g : order) {
            int target = 0;
            for (int f = 1; f < k; f++) {
                if (load[f] < load[target]) {
                    target = f;
                }
            }
            int[] rows = index.rowsOf(g);
            folds.get(target).add(rows);
            load[target] += rows.length;
        }
        var out = new ArrayList<Split>(k);
        for (int f = 0; f < k; f++) {
            int[] v = Permutations.concat(folds.get(f).toArray(int[][]::new));
            out.add(new Split(Permutations.complement(v, groups.length), v, "fold " + (f + 1) + "/" + k));
        }
        return out;
    }
}
