package org.specsoc.api.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupOrderTest {

    @Test
    void numbersSortByValue() {
        var l = new ArrayList<>(List.of("18", "2", "10", "1", "16", "9"));
        l.sort(GroupOrder.NATURAL);
        assertThat(l).containsExactly("1", "2", "9", "10", "16", "18");
    }

    @Test
    void mixedTextAndNumbers() {
        var l = new ArrayList<>(List.of("C10P2", "C2P10", "C2P9", "B1", "C10P10"));
        l.sort(GroupOrder.NATURAL);
        assertThat(l).containsExactly("B1", "C2P9", "C2P10", "C10P2", "C10P10");
    }

    @Test
    void leadingZerosStayDistinctButAdjacent() {
        assertThat(GroupOrder.NATURAL.compare("01", "1")).isNotZero();
        assertThat(GroupOrder.NATURAL.compare("01", "2")).isNegative();
    }
}
