package org.specsoc.compute.opencl;

/**
 * Which copy of a host array that Aparapi mirrors on the device is current. Every host write, device write,
 * {@code put} and {@code get} goes through here, and a read of the stale side throws. This is the only check that
 * catches a missing {@code put}/{@code get}: pocl creates its buffers with CL_MEM_USE_HOST_PTR, so on the CI
 * machine the device aliases the Java array and such a bug would give right answers there and wrong ones on a GPU.
 */
final class Residency {

    enum State {
        /** Host and device hold the same values. */
        SYNCED,
        /** The host wrote the array and no put() followed: the device copy is stale. */
        HOST_AHEAD,
        /** A kernel wrote the array and no get() followed: the host copy is stale. */
        DEVICE_AHEAD
    }

    private final String array;
    private State state = State.SYNCED;
    private String contents = "nothing";

    Residency(String array) {
        this.array = array;
    }

    State state() {
        return state;
    }

    /** The host wrote {@code what} (for example "buffer #3 (300x2136) [0, 4096)") into the array. */
    void hostWrote(String what) {
        state = State.HOST_AHEAD;
        contents = what;
    }

    /** A kernel wrote {@code what} into the array. */
    void deviceWrote(String what) {
        state = State.DEVICE_AHEAD;
        contents = what;
    }

    /** After {@code kernel.put(array)}. */
    void put() {
        state = State.SYNCED;
    }

    /** After {@code kernel.get(array)}. */
    void got() {
        state = State.SYNCED;
    }

    /** Before the host reads the array. */
    void requireHostCurrent() {
        if (state == State.DEVICE_AHEAD) {
            throw new IllegalStateException("stale read of " + contents + " in host array '" + array
                    + "': a kernel wrote it on the device and no get() copied it back");
        }
    }

    /** Before a kernel reads the array. */
    void requireDeviceCurrent() {
        if (state == State.HOST_AHEAD) {
            throw new IllegalStateException("stale read of " + contents + " in device array '" + array
                    + "': the host wrote it and no put() copied it to the device");
        }
    }
}
