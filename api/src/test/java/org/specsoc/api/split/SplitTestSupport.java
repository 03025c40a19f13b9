package org.specsoc.api.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

final class SplitTestSupport {

    private SplitTestSupport() {
    }

    /** Train and validation are disjoint and together cover every row exactly once. */
    static void assertPartition(Split s, int rows) {
        Set<Integer> seen = new HashSet<>();
        for (int r : s.train()) {
            assertThat(seen.add(r)).as("row %d twice", r).isTrue();
        }
        for (int r : s.validation()) {
            assertThat(seen.add(r)).as("row %d on both sides", r).isTrue();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.range(0, rows).boxed().toList());
    }

    /** No value of {@code groups} appears on both sides. */
    static void assertNoLeak(Split s, String[] groups) {
        Set<String> train = new HashSet<>();
        for (int r : s.train()) {
            train.add(groups[r]);
        }
        for (int r : s.validation()) {
            assertThat(train).as("group %s leaks into training", groups[r]).doesNotContain(groups[r]);
        }
    }
}
