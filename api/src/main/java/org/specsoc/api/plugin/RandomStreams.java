package org.specsoc.api.plugin;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent random streams derived from one master seed, one per purpose ("init", "shuffle",
 * "sampling", ...). The same (seed, purpose) always gives the same stream, and the streams do not depend on
 * the order in which they are asked for. Never static: each run gets its own.
 */
public final class RandomStreams {
    private final long masterSeed;

    public RandomStreams(long masterSeed) {
        this.masterSeed = masterSeed;
    }

    public long masterSeed() {
        return masterSeed;
    }

    /** A fresh generator for {@code purpose}; calling twice gives two generators with identical sequences. */
    public SplittableRandom stream(String purpose) {
        return new SplittableRandom(seedFor(purpose));
    }

    /** A derived seed for {@code purpose}, e.g. to hand to a backend's initialiser. */
    public long seedFor(String purpose) {
        long h = mix(masterSeed ^ 0x9E3779B97F4A7C15L);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        return h;
    }

    /** Streams for a sub-part (e.g. one run of a sweep), still independent of every other purpose. */
    public RandomStreams child(String purpose) {
        return new RandomStreams(seedFor("child:" + purpose));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
