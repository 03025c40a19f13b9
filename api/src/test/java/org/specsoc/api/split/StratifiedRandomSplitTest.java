package org.specsoc.api.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StratifiedRandomSplitTest {
    private final SplitFixtures data = new SplitFixtures(11);

    @Test
    void eachRegionSendsTheFlooredFortyPercentToValidation() {
        Split s = StratifiedRandomSplit.sixtyForty().split(data.regions, new SplittableRandom(1));
        SplitTestSupport.assertPartition(s, data.rows());
        GroupIndex index = GroupIndex.of(data.regions);
        for (String g : index.groups()) {
            int n = index.sizeOf(g);
            long inValidation = Arrays.stream(s.validation()).filter(r -> data.regions[r].equals(g)).count();
            assertThat(inValidation).as("region %s of %d rows", g, n).isEqualTo((long) Math.floor(0.4 * n));
        }
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        var split = StratifiedRandomSplit.sixtyForty();
        Split a = split.split(data.regions, new SplittableRandom(5));
        Split b = split.split(data.regions, new SplittableRandom(5));
        Split c = split.split(data.regions, new SplittableRandom(6));
        assertThat(a).isEqualTo(b);
        assertThat(c.validation()).isNotEqualTo(a.validation());
    }

    @Test
    void exactTenthsDoNotLoseARowToRounding() {
        String[] ten = new String[10];
        Arrays.fill(ten, "r");
        assertThat(new StratifiedRandomSplit(0.6).split(ten, new SplittableRandom(0)).validationSize()).isEqualTo(4);
        assertThat(new StratifiedRandomSplit(0.7).split(ten, new SplittableRandom(0)).validationSize()).isEqualTo(3);
    }

    @Test
    void fractionOutsideTheOpenIntervalIsRefused() {
        assertThatThrownBy(() -> new StratifiedRandomSplit(1.0)).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> new StratifiedRandomSplit(0)).hasMessageContaining("(0, 1)");
    }
}
