package org.specsoc.api.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroupedStratifiedSplitTest {
    private final SplitFixtures data = new SplitFixtures(13);

    @Test
    void noPedonOnBothSidesAndFortyPercentOfPedonsPerRegion() {
        Split s = GroupedStratifiedSplit.sixtyForty().split(data.regions, data.pedons, new SplittableRandom(3));
        SplitTestSupport.assertPartition(s, data.rows());
        SplitTestSupport.assertNoLeak(s, data.pedons);
        var draw = new PedonDraw(data.regions, data.pedons);
        for (String region : draw.regions()) {
            int pedons = draw.pedonsOf(region).size();
            long validationPedons = Arrays.stream(s.validation()).filter(r -> data.regions[r].equals(region))
                    .mapToObj(r -> data.pedons[r]).distinct().count();
            assertThat(validationPedons).as("region %s", region).isEqualTo((long) Math.floor(0.4 * pedons));
        }
    }

    @Test
    void perSpectrumSplitDoesLeakWhichIsWhyThisOneExists() {
        Split perSpectrum = StratifiedRandomSplit.sixtyForty().split(data.regions, new SplittableRandom(3));
        var trainPedons = Arrays.stream(perSpectrum.train()).mapToObj(r -> data.pedons[r]).toList();
        assertThat(Arrays.stream(perSpectrum.validation()).mapToObj(r -> data.pedons[r]))
                .anyMatch(trainPedons::contains);
    }

    @Test
    void deterministicForASeed() {
        var split = GroupedStratifiedSplit.sixtyForty();
        assertThat(split.split(data.regions, data.pedons, new SplittableRandom(9)))
                .isEqualTo(split.split(data.regions, data.pedons, new SplittableRandom(9)));
        assertThat(split.split(data.regions, data.pedons, new SplittableRandom(9)))
                .isNotEqualTo(split.split(data.regions, data.pedons, new SplittableRandom(10)));
    }

    @Test
    void aPedonInTwoRegionsIsRefused() {
        assertThatThrownBy(() -> GroupedStratifiedSplit.sixtyForty().split(new String[] {"1", "2"},
                new String[] {"p", "p"}, new SplittableRandom(0)))
                .hasMessageContaining("pedon 'p'").hasMessageContaining("row 1");
    }
}
