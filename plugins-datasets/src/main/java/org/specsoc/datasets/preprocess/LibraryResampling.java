package org.specsoc.datasets.preprocess;

import java.util.Arrays;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.datasets.envi.BandResampler;

/**
 * Brings a spectral library onto a target grid by linear interpolation. Missing channels (NaN, such as USGS
 * "deleted channels") are interpolated across; a grid the library does not cover is refused naming the range.
 */
public final class LibraryResampling {

    private LibraryResampling() {
    }

    public static SpectralLibrary toGrid(SpectralLibrary library, double[] grid) {
        if (Arrays.equals(library.wavelengths(), grid)) {
            boolean anyNaN = false;
            for (float[] s : library.spectra()) {
                for (float v : s) {
                    anyNaN |= Float.isNaN(v);
                }
            }
            if (!anyNaN) {
                return library;
            }
        }
        float[][] out = new float[library.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] s = library.spectra()[i];
            boolean[] good = new boolean[s.length];
            for (int b = 0; b < s.length; b++) {
                good[b] = !Float.isNaN(s[b]);
            }
            var resampler = BandResampler.between(library.wavelengths(), new double[0], good, grid,
                    library.source() + " endmember '" + library.names().get(i) + "'");
            out[i] = new float[grid.length];
            float[] filled = s.clone();
            for (int b = 0; b < filled.length; b++) {
                if (!good[b]) {
                    filled[b] = 0; // weight zero: bad bands are left out by the resampler
                }
            }
            resampler.toModelGrid(filled, 0, out[i], 0);
        }
        return new SpectralLibrary(library.names(), grid.clone(), out, library.rhoR(), library.source());
    }
}
