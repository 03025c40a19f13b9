package org.specsoc.api.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class GroupKFoldTest {
    private final SplitFixtures data = new SplitFixtures(19);

    @Test
    void everyRowValidatedOnceAndNoPedonOnBothSides() {
        var splits = new GroupKFold(5).splits(data.pedons);
        assertThat(splits).hasSize(5);
        var validated = new HashSet<Integer>();
        for (Split s : splits) {
            SplitTestSupport.assertPartition(s, data.rows());
            SplitTestSupport.assertNoLeak(s, data.pedons);
            for (int r : s.validation()) {
                assertThat(validated.add(r)).isTrue();
            }
        }
        assertThat(validated).hasSize(data.rows());
    }

    @Test
    void foldsAreBalancedWithinOneGroup() {
        var splits = new GroupKFold(4).splits(data.pedons);
        int min = splits.stream().mapToInt(Split::validationSize).min().orElseThrow();
        int max = splits.stream().mapToInt(Split::validationSize).max().orElseThrow();
        // Greedy largest-first assignment keeps folds within one pedon (at most 5 rows) of each other.
        assertThat(max - min).isLessThanOrEqualTo(5);
    }

    @Test
    void deterministic() {
        assertThat(new GroupKFold(3).splits(data.regions)).isEqualTo(new GroupKFold(3).splits(data.regions));
    }

    @Test
    void tooFewGroupsOrFolds() {
        assertThatThrownBy(() -> new GroupKFold(3).splits(new String[] {"a", "b", "a"}))
                .hasMessageContaining("3 folds need at least 3 groups");
        assertThatThrownBy(() -> new GroupKFold(1)).hasMessageContaining("k >= 2");
    }
}
