package org.specsoc.datasets.synthetic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labelled spectra per RaCA region in the authors' cleaned data set (column {@code n_labelled} of
 * {@code shared/data/raca-splits/region_summary.csv}, also reference-spec section 1.4; they sum to 23,550).
 * Embedded so that the generator works without the shared data; a test compares them with the file.
 * Region 17 does not exist in RaCA.
 */
public final class RacaRegionSizes {
    public static final Map<Integer, Integer> LABELLED;

    static {
        int[][] pairs = {{1, 1561}, {2, 1388}, {3, 1159}, {4, 880}, {5, 1509}, {6, 1217}, {7, 1816}, {8, 1019},
                {9, 1528}, {10, 1675}, {11, 1800}, {12, 1434}, {13, 1479}, {14, 1446}, {15, 811}, {16, 1482},
                {18, 1346}};
        var m = new LinkedHashMap<Integer, Integer>();
        for (int[] p : pairs) {
            m.put(p[0], p[1]);
        }
        LABELLED = Collections.unmodifiableMap(m);
    }

    private RacaRegionSizes() {
    }

    public static int total() {
        return LABELLED.values().stream().mapToInt(Integer::intValue).sum();
    }
}
