package org.specsoc.api.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PedonDrawTest {
    private final SplitFixtures data = new SplitFixtures(17);
    private final PedonDraw draw = new PedonDraw(data.regions, data.pedons);

    @Test
    void drawsKPedonsPerRegionAndReturnsAllTheirSpectra() {
        var d = draw.draw(3, new SplittableRandom(1));
        assertThat(d.pedonsByRegion()).hasSize(17);
        d.pedonsByRegion().forEach((region, pedons) -> {
            assertThat(pedons).hasSize(3).doesNotHaveDuplicates();
            assertThat(draw.pedonsOf(region)).containsAll(pedons);
        });
        int[] rows = d.indices();
        var drawn = d.pedonsByRegion().values().stream().flatMap(List::stream).toList();
        assertThat(Arrays.stream(rows).mapToObj(r -> data.pedons[r])).allMatch(drawn::contains);
        long expected = Arrays.stream(data.pedons).filter(drawn::contains).count();
        assertThat(rows).hasSize((int) expected).isSorted();
    }

    @Test
    void firstNIsANestedSubsetOfTheSameDraw() {
        var ten = draw.draw(5, new SplittableRandom(2));
        var five = ten.first(2);
        five.pedonsByRegion().forEach((r, l) ->
                assertThat(l).containsExactlyElementsOf(ten.pedonsByRegion().get(r).subList(0, 2)));
        assertThat(Arrays.stream(ten.indices()).boxed().toList())
                .containsAll(Arrays.stream(five.indices()).boxed().toList());
    }

    @Test
    void sameSeedSameDraw() {
        assertThat(draw.draw(2, new SplittableRandom(4)).pedonsByRegion())
                .isEqualTo(draw.draw(2, new SplittableRandom(4)).pedonsByRegion());
        assertThat(draw.draw(2, new SplittableRandom(4)).pedonsByRegion())
                .isNotEqualTo(draw.draw(2, new SplittableRandom(5)).pedonsByRegion());
    }

    @Test
    void kLargerThanARegionTakesEveryPedon() {
        var d = draw.draw(1000, new SplittableRandom(0));
        d.pedonsByRegion().forEach((r, l) -> assertThat(l).hasSameSizeAs(draw.pedonsOf(r)));
        assertThat(d.indices()).hasSize(data.rows());
    }

    @Test
    void selectedRegionsOnlyAndPerRegionIndices() {
        var d = draw.draw(2, List.of("18", "3"), new SplittableRandom(0));
        assertThat(d.pedonsByRegion().keySet()).containsExactly("3", "18");
        assertThat(Arrays.stream(d.indices("18")).mapToObj(r -> data.regions[r])).containsOnly("18");
        assertThatThrownBy(() -> d.indices("4")).hasMessageContaining("'4'");
    }
}
