package org.specsoc.api.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LeaveOneGroupOutTest {
    private final SplitFixtures data = new SplitFixtures(7);

    @Test
    void oneSplitPerRegionInNaturalOrder() {
        var splits = LeaveOneGroupOut.splits(data.regions);
        assertThat(splits).extracting(Split::heldOutGroup)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15",
                        "16", "18");
    }

    @Test
    void validationIsExactlyTheHeldOutRegion() {
        for (Split s : LeaveOneGroupOut.splits(data.regions)) {
            SplitTestSupport.assertPartition(s, data.rows());
            SplitTestSupport.assertNoLeak(s, data.regions);
            long expected = Arrays.stream(data.regions).filter(s.heldOutGroup()::equals).count();
            assertThat(s.validationSize()).isEqualTo(expected);
            assertThat(Arrays.stream(s.validation()).mapToObj(r -> data.regions[r])).containsOnly(s.heldOutGroup());
        }
    }

    @Test
    void oneGroupIsRefused() {
        assertThatThrownBy(() -> LeaveOneGroupOut.splits(new String[] {"a", "a"}))
                .hasMessageContaining("at least 2 groups");
    }

    @Test
    void unknownHeldOutGroupNamesTheGroups() {
        assertThatThrownBy(() -> LeaveOneGroupOut.holdOut(new String[] {"1", "2"}, "17"))
                .hasMessageContaining("'17'").hasMessageContaining("[1, 2]");
    }
}
