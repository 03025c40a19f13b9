package org.specsoc.compute.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The host/device state machine on its own (needs no OpenCL). */
class ResidencyTest {

    @Test
    void aDeviceWriteMakesTheHostCopyStaleUntilGet() {
        var r = new Residency("stage");
        r.deviceWrote("buffer #3 (300x2136)");
        assertThat(r.state()).isEqualTo(Residency.State.DEVICE_AHEAD);
        r.requireDeviceCurrent();
        assertThatThrownBy(r::requireHostCurrent).isInstanceOf(IllegalStateException.class)
                .hasMessage("stale read of buffer #3 (300x2136) in host array 'stage': a kernel wrote it on the"
                        + " device and no get() copied it back");
        r.got();
        r.requireHostCurrent();
        assertThat(r.state()).isEqualTo(Residency.State.SYNCED);
    }

    @Test
    void aHostWriteMakesTheDeviceCopyStaleUntilPut() {
        var r = new Residency("index");
        r.hostWrote("row indices");
        r.requireHostCurrent();
        assertThatThrownBy(r::requireDeviceCurrent).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row indices").hasMessageContaining("no put()");
        r.put();
        r.requireDeviceCurrent();
    }
}
