package org.specsoc.datasets.envi;

/**
 * How an ENVI image orders its values: band sequential (all of band 0, then band 1, ...), band interleaved by
 * line (line 0 of every band, then line 1 ...) or band interleaved by pixel (all bands of pixel 0, then pixel 1).
 */
public enum EnviInterleave {
    BSQ, BIL, BIP;

    /** The header spelling, lower case. */
    public String headerValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Byte position (relative to the header offset) of value (line, sample, band), in units of values, for an
     * image of {@code lines x samples x bands}.
     */
    public long valueIndex(int line, int sample, int band, int lines, int samples, int bands) {
        return switch (this) {
            case BSQ -> ((long) band * lines + line) * samples + sample;
            case BIL -> ((long) line * bands + band) * samples + sample;
            case BIP -> ((long) line * samples + sample) * bands + band;
        };
    }
}
