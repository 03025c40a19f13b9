package org.specsoc.compute.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArenaAllocatorTest {

    @Test
    void freedNeighboursMergeSoALargerRegionFitsAgain() {
        var a = new ArenaAllocator(256);
        int x = a.allocate(100);
        int y = a.allocate(100);
        assertThat(x).isZero();
        assertThat(y).isEqualTo(112);
        assertThat(a.allocate(100)).isEqualTo(-1);
        a.release(x, 100);
        a.release(y, 100);
        assertThat(a.used()).isZero();
        assertThat(a.largestFree()).isEqualTo(256);
        assertThat(a.allocate(250)).isZero();
    }

    @Test
    void growingAddsFreeSpaceAtTheEnd() {
        var a = new ArenaAllocator(32);
        a.allocate(20);
        a.grow(96);
        assertThat(a.capacity()).isEqualTo(96);
        assertThat(a.allocate(64)).isEqualTo(32);
        assertThat(a.used()).isEqualTo(96);
    }
}
