package org.specsoc.datasets.envi;

/**
 * A block of whole image lines as reflectance: {@code values} is pixel-major (all bands of pixel 0, then pixel 1
 * ...), pixel = (line - firstLine) x samples + sample, already converted with the header's gains, offsets and
 * reflectance scale factor. {@code noData[pixel]} marks pixels to pass through unpredicted.
 */
public record EnviTile(int firstLine, int lines, int samples, int bands, float[] values, boolean[] noData) {

    public EnviTile {
        if (values.length != (long) lines * samples * bands || noData.length != lines * samples) {
            throw new IllegalArgumentException("tile arrays do not match " + lines + " x " + samples + " x " + bands);
        }
    }

    public int pixels() {
        return lines * samples;
    }

    public float value(int pixel, int band) {
        return values[pixel * bands + band];
    }

    /** Pixels that carry data. */
    public int validPixels() {
        int n = 0;
        for (boolean b : noData) {
            if (!b) {
                n++;
            }
        }
        return n;
    }
}
