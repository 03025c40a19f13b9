package org.specsoc.api.split;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A small RaCA-shaped layout: regions 1..16 and 18, pedons of 3 to 5 depth rows, rows shuffled across regions. */
final class SplitFixtures {
    final String[] regions;
    final String[] pedons;

    SplitFixtures(long seed) {
        var random = new SplittableRandom(seed);
        List<String[]> rows = new ArrayList<>();
        for (int region = 1; region <= 18; region++) {
            if (region == 17) {
                continue;
            }
            int pedonCount = 5 + random.nextInt(6);
            for (int p = 0; p < pedonCount; p++) {
                int depths = 3 + random.nextInt(3);
                for (int d = 0; d < depths; d++) {
                    rows.add(new String[] {Integer.toString(region), "C" + region + "P" + p});
                }
            }
        }
        // Interleave the rows so splitters cannot rely on contiguous runs.
        String[][] all = rows.toArray(String[][]::new);
        Permutations.shuffle(all, random);
        regions = new String[all.length];
        pedons = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            regions[i] = all[i][0];
            pedons[i] = all[i][1];
        }
    }

    int rows() {
        return regions.length;
    }
}
