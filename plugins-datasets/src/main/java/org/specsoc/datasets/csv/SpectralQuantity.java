package org.specsoc.datasets.csv;

import java.util.stream.IntStream;

/** What the numbers in a file are: reflectance factor (0-1) or absorbance log10(1/R). */
public enum SpectralQuantity {
    REFLECTANCE, ABSORBANCE;

    public static SpectralQuantity of(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** Converts absorbance to reflectance in place, R = 10^(-A), rows in parallel. */
    public static void absorbanceToReflectance(float[] values, int bands) {
        int rows = values.length / bands;
        IntStream.range(0, rows).parallel().forEach(r -> {
            for (int i = r * bands, end = i + bands; i < end; i++) {
                values[i] = (float) Math.pow(10.0, -values[i]);
            }
        });
    }

    /** Converts reflectance to absorbance in place, A = log10(1/R), rows in parallel. */
    public static void reflectanceToAbsorbance(float[] values, int bands) {
        int rows = values.length / bands;
        IntStream.range(0, rows).parallel().forEach(r -> {
            for (int i = r * bands, end = i + bands; i < end; i++) {
                values[i] = (float) -Math.log10(values[i]);
            }
        });
    }
}
