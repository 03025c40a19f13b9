package org.specsoc.decoders;

import java.util.Arrays;
import java.util.List;
import org.specsoc.api.data.SpectralLibrary;

/**
 * The fixed endmembers of the linear-mixing decoder on the model's wavelength grid: one row per mineral
 * (latent order) and its rho*r.
 *
 * @param names   endmember names (kept for the archive and reports)
 * @param spectra row-major (minerals x bands) reflectance
 * @param rhoR    density x effective radius per mineral, mg m^-2
 * @param source  where the library came from, for messages
 */
public record Endmembers(List<String> names, float[] spectra, double[] rhoR, String source) {

    public Endmembers {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("endmember library " + source + " holds no spectra");
        }
    }

    public int count() {
        return names.size();
    }

    /**
     * Resamples {@code library} to {@code grid} by linear interpolation (numpy {@code interp}, as the authors
     * did). A grid reaching beyond the library by more than half a nanometre is refused: extrapolating
     * endmembers would invent spectra.
     */
    public static Endmembers resample(SpectralLibrary library, double[] grid) {
        double[] w = library.wavelengths();
        if (w.length < 2) {
            throw new IllegalArgumentException("endmember library " + library.source()
                    + " has fewer than 2 wavelengths");
        }
        double lo = w[0];
        double hi = w[w.length - 1];
        if (grid[0] < lo - 0.5 || grid[grid.length - 1] > hi + 0.5) {
            throw new IllegalArgumentException("endmember library " + library.source() + " covers " + lo + ".." + hi
                    + " nm but the data grid spans " + grid[0] + ".." + grid[grid.length - 1] + " nm");
        }
        int m = grid.length;
        float[] out = new float[library.size() * m];
        if (Arrays.equals(w, grid)) {
            // Already on the grid (a model restored from its archive): copy, so that the values stay bit-exact.
            for (int e = 0; e < library.size(); e++) {
                System.arraycopy(library.spectra()[e], 0, out, e * m, m);
            }
            return new Endmembers(library.names(), out, library.rhoR().clone(), library.source());
        }
        for (int e = 0; e < library.size(); e++) {
            float[] s = library.spectra()[e];
            int j = 0;
            for (int b = 0; b < m; b++) {
                double x = Math.min(Math.max(grid[b], lo), hi);
                while (j < w.length - 2 && w[j + 1] < x) {
                    j++;
                }
                double t = (x - w[j]) / (w[j + 1] - w[j]);
                out[e * m + b] = (float) (s[j] + Math.min(Math.max(t, 0), 1) * (s[j + 1] - s[j]));
            }
        }
        return new Endmembers(library.names(), out, library.rhoR().clone(), library.source());
    }
}
