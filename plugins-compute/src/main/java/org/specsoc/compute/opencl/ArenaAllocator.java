package org.specsoc.compute.opencl;

import java.util.Map;
import java.util.TreeMap;

/**
 * First-fit allocation of regions of the arena, with freed regions merged with their neighbours so that
 * allocate/release loops (benchmarks, per-fold models) reuse memory instead of growing the arena. Regions start on
 * {@link #ALIGN}-float boundaries (64 bytes) so that GPU loads of a row start aligned.
 */
final class ArenaAllocator {

    static final int ALIGN = 16;

    /** Free regions: offset to length. */
    private final TreeMap<Integer, Integer> free = new TreeMap<>();
    private long capacity;
    private long used;

    ArenaAllocator(long capacity) {
        this.capacity = capacity;
        if (capacity > 0) {
            free.put(0, (int) capacity);
        }
    }

    static int aligned(int size) {
        return Math.max(ALIGN, (size + ALIGN - 1) / ALIGN * ALIGN);
    }

    /** The offset of a free region of {@code aligned(size)} floats, or -1 when none is large enough. */
    int allocate(int size) {
        int need = aligned(size);
        for (Map.Entry<Integer, Integer> e : free.entrySet()) {
            if (e.getValue() >= need) {
                int at = e.getKey();
                int rest = e.getValue() - need;
                free.remove(at);
                if (rest > 0) {
                    free.put(at + need, rest);
                }
                used += need;
                return at;
            }
        }
        return -1;
    }

    void release(int offset, int size) {
        int length = aligned(size);
        used -= length;
        int start = offset;
        Map.Entry<Integer, Integer> before = free.floorEntry(offset);
        if (before != null && before.getKey() + before.getValue() == offset) {
            start = before.getKey();
            length += before.getValue();
            free.remove(before.getKey());
        }
        Integer after = free.get(offset + aligned(size));
        if (after != null) {
            free.remove(offset + aligned(size));
            length += after;
        }
        free.put(start, length);
    }

    /** Adds the floats in [oldCapacity, newCapacity) to the free space. */
    void grow(long newCapacity) {
        int start = (int) capacity;
        int length = (int) (newCapacity - capacity);
        capacity = newCapacity;
        used += length;
        release(start, length);
    }

    long capacity() {
        return capacity;
    }

    long used() {
        return used;
    }

    /** The largest free region, in floats. */
    int largestFree() {
        return free.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
