package org.specsoc.api.split;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random split stratified by group (region) in which whole pedons go to one side, so that depth samples of one
 * pedon never appear in both training and validation: within each stratum the distinct pedons are permuted and
 * the first {@code floor(validationFraction * pedons)} go to validation.
 */
public final class GroupedStratifiedSplit {
    private final double validationFraction;

    public GroupedStratifiedSplit(double trainingFraction) {
        if (!(trainingFraction > 0 && trainingFraction < 1)) {
            throw new IllegalArgumentException("training fraction must lie in (0, 1), got " + trainingFraction);
        }
        this.validationFraction = 1.0 - trainingFraction;
    }

    public static GroupedStratifiedSplit sixtyForty() {
        return new GroupedStratifiedSplit(0.6);
    }

    /**
     * @param strata one stratum (region) per row
     * @param pedons one pedon id per row; a pedon id spanning two strata is refused
     */
    public Split split(String[] strata, String[] pedons, SplittableRandom random) {
        if (strata.length != pedons.length) {
            throw new IllegalArgumentException(strata.length + " strata for " + pedons.length + " pedon ids");
        }
        PedonDraw.requirePedonsWithinStrata(strata, pedons);
        GroupIndex byStratum = GroupIndex.of(strata);
        List<int[]> validation = new ArrayList<>();
        for (String s : byStratum.groups()) {
            boolean[] in = new boolean[strata.length];
            for (int r : byStratum.rowsOf(s)) {
                in[r] = true;
            }
            GroupIndex byPedon = GroupIndex.of(pedons, in);
            String[] ids = byPedon.groups().toArray(String[]::new);
            Permutations.shuffle(ids, random);
            int k = StratifiedRandomSplit.validationCount(ids.length, validationFraction);
            for (int i = 0; i < k; i++) {
                validation.add(byPedon.rowsOf(ids[i]));
            }
        }
        int[] v = Permutations.concat(validation.toArray(int[][]::new));
        return new Split(Permutations.complement(v, strata.length), v,
                "pedon-grouped stratified random " + StratifiedRandomSplit.percent(1 - validationFraction) + ":"
                        + StratifiedRandomSplit.percent(validationFraction));
    }
}
