package org.specsoc.encoders.plsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.specsoc.api.data.SpectralDataset;

class CvFoldsTest {

    private static SpectralDataset data(int rows, Map<String, String[]> groups) {
        return PlantedData.dataset(new float[rows * 2], 2, new float[rows], groups);
    }

    /** Every group's rows are in exactly one fold. */
    private static void assertNoGroupOnBothSides(CvFolds folds, String[] groups) {
        var foldOfGroup = new HashMap<String, Integer>();
        for (int i = 0; i < folds.rows().length; i++) {
            String g = groups[folds.rows()[i]];
            Integer before = foldOfGroup.putIfAbsent(g, folds.fold()[i]);
            assertThat(before == null || before == folds.fold()[i]).as("group %s", g).isTrue();
        }
    }

    @Test
    void pedonGroupsNeverStraddleFoldsAndFoldsAreBalanced() {
        var rnd = new SplittableRandom(3);
        String[] pedon = new String[203];
        for (int i = 0; i < pedon.length; i++) {
            pedon[i] = "p" + rnd.nextInt(40);  // uneven group sizes, scattered rows
        }
        var groups = new LinkedHashMap<String, String[]>();
        groups.put(SpectralDataset.REGION, PlantedData.blocks(203, 100, "r"));
        groups.put(SpectralDataset.PEDON, pedon);
        int[] rows = IntStream.range(0, 203).toArray();

        CvFolds folds = CvFolds.of(data(203, groups), rows, 5, new SplittableRandom(1));

        assertThat(folds.grouping()).isEqualTo(SpectralDataset.PEDON);
        assertThat(folds.count()).isEqualTo(5);
        assertNoGroupOnBothSides(folds, pedon);
        for (int f = 0; f < 5; f++) {
            assertThat(folds.size(f)).isBetween(203 / 5 - 10, 203 / 5 + 10);
            Set<String> inside = new HashSet<>();
            for (int r : folds.rowsOf(f)) {
                inside.add(pedon[r]);
            }
            for (int r : rows) {
                if (!IntStream.of(folds.rowsOf(f)).anyMatch(x -> x == r)) {
                    assertThat(inside).doesNotContain(pedon[r]);
                }
            }
        }
    }

    @Test
    void regionIsUsedWithoutPedonsAndFewerGroupsThanFoldsMeansFewerFolds() {
        String[] region = PlantedData.blocks(30, 10, "r");
        CvFolds folds = CvFolds.of(data(30, PlantedData.groups(SpectralDataset.REGION, region)),
                IntStream.range(0, 30).toArray(), 5, new SplittableRandom(1));
        assertThat(folds.grouping()).isEqualTo(SpectralDataset.REGION);
        assertThat(folds.count()).isEqualTo(3);
        assertNoGroupOnBothSides(folds, region);
    }

    @Test
    void oneRegionOnlyFallsBackToShuffledPlainFoldsThatDependOnTheSeed() {
        var one = PlantedData.groups(SpectralDataset.REGION, PlantedData.blocks(40, 40, "r"));
        int[] rows = IntStream.range(0, 40).toArray();
        CvFolds a = CvFolds.of(data(40, one), rows, 4, new SplittableRandom(1));
        CvFolds b = CvFolds.of(data(40, one), rows, 4, new SplittableRandom(1));
        CvFolds c = CvFolds.of(data(40, one), rows, 4, new SplittableRandom(2));
        assertThat(a.grouping()).isEqualTo(CvFolds.NONE);
        assertThat(a.fold()).containsExactly(b.fold());
        assertThat(a.fold()).isNotEqualTo(c.fold());
        for (int f = 0; f < 4; f++) {
            assertThat(a.size(f)).isEqualTo(10);
        }
    }

    @Test
    void blankGroupValuesAreGroupsOfTheirOwn() {
        String[] pedon = {"a", "a", "", null, "b", "b", " ", "c"};
        CvFolds folds = CvFolds.of(data(8, PlantedData.groups(SpectralDataset.PEDON, pedon)),
                IntStream.range(0, 8).toArray(), 8, new SplittableRandom(1));
        // a, b, c and three singletons
        assertThat(folds.count()).isEqualTo(6);
        assertThat(folds.fold()[0]).isEqualTo(folds.fold()[1]);
        assertThat(folds.fold()[4]).isEqualTo(folds.fold()[5]);
        assertThat(IntStream.of(folds.fold()).distinct().count()).isEqualTo(6);
    }
}
