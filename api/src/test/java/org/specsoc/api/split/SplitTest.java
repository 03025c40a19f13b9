package org.specsoc.api.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void sortsAndCopiesItsArrays() {
        int[] train = {3, 1};
        Split s = new Split(train, new int[] {2, 0}, "x");
        train[0] = 99;
        assertThat(s.train()).containsExactly(1, 3);
        assertThat(s.validation()).containsExactly(0, 2);
        s.train()[0] = 42;
        assertThat(s.train()).containsExactly(1, 3);
    }

    @Test
    void duplicateRowsAreRefused() {
        assertThatThrownBy(() -> new Split(new int[] {1, 1}, new int[0], "x")).hasMessageContaining("row 1 twice");
    }
}
