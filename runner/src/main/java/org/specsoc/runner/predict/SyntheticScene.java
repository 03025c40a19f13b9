package org.specsoc.runner.predict;

import java.io.IOException;
import java.nio.file.Path;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.envi.EnviDataType;
import org.specsoc.datasets.envi.EnviHeader;
import org.specsoc.datasets.envi.EnviImageWriter;
import org.specsoc.datasets.envi.EnviInterleave;

/**
 * A float32 BSQ ENVI image made of real spectra, to show {@code specsoc predict} on an image whose answer is
 * known: in-distribution spectra as the background, a disc of spectra from planted out-of-distribution regions
 * in the middle, and a strip of no-data pixels (the data ignore value) along the top-left edge.
 */
public final class SyntheticScene {
    /** The data ignore value of the scene. */
    public static final float NO_DATA = -1f;

    private SyntheticScene() {
    }

    /** Whether pixel (line, sample) lies in the OOD disc of a {@code lines x samples} scene. */
    public static boolean inDisc(int line, int sample, int lines, int samples) {
        double dl = (line - lines / 2.0) / (lines / 2.0);
        double ds = (sample - samples / 2.0) / (samples / 2.0);
        return dl * dl + ds * ds < 0.35;
    }

    /** Whether pixel (line, sample) is no-data: the first line's first quarter. */
    public static boolean isNoData(int line, int sample, int samples) {
        return line == 0 && sample < Math.max(1, samples / 4);
    }

    /**
     * Writes {@code name.img} and {@code name.hdr} into {@code dir}; pixels cycle through the rows of
     * {@code familiar} and {@code unfamiliar} (which must share one grid). Returns the header.
     */
    public static Path write(Path dir, String name, SpectralDataset familiar, SpectralDataset unfamiliar, int lines,
                             int samples) throws IOException {
        int bands = familiar.bands();
        if (unfamiliar.bands() != bands) {
            throw new IllegalArgumentException("the two sets of spectra have different grids");
        }
        EnviHeader h = EnviHeader.of(samples, lines, bands, EnviDataType.FLOAT32, EnviInterleave.BSQ)
                .withWavelengths(familiar.wavelengths(), null).withDataIgnoreValue(NO_DATA)
                .withDescription("synthetic soil scene: in-distribution background, out-of-distribution disc");
        float[] values = new float[lines * samples * bands];
        int a = 0;
        int b = 0;
        for (int l = 0; l < lines; l++) {
            for (int s = 0; s < samples; s++) {
                int off = (l * samples + s) * bands;
                if (isNoData(l, s, samples)) {
                    java.util.Arrays.fill(values, off, off + bands, NO_DATA);
                } else if (inDisc(l, s, lines, samples)) {
                    System.arraycopy(unfamiliar.spectra(), (b++ % unfamiliar.rows()) * bands, values, off, bands);
                } else {
                    System.arraycopy(familiar.spectra(), (a++ % familiar.rows()) * bands, values, off, bands);
                }
            }
        }
        Path hdr = dir.resolve(name + ".hdr");
        try (var w = new EnviImageWriter(h, dir.resolve(name + ".img"), hdr)) {
            w.write(0, lines, values);
            w.commit();
        }
        return hdr;
    }
}
