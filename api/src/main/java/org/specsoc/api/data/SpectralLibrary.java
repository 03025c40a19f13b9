package org.specsoc.api.data;

import java.util.List;
import java.util.Objects;

/**
 * Endmember spectra for the linear-mixing decoder: one row per endmember on a shared wavelength grid, with an
 * optional density x effective radius (rho*r, mg m^-2) per endmember ({@code NaN} where unknown).
 */
public record SpectralLibrary(List<String> names, double[] wavelengths, float[][] spectra, double[] rhoR,
                              String source) {

    public SpectralLibrary {
        names = List.copyOf(names);
        Objects.requireNonNull(wavelengths, "wavelengths");
        if (spectra.length != names.size()) {
            throw new IllegalArgumentException(spectra.length + " spectra for " + names.size() + " names");
        }
        for (int i = 0; i < spectra.length; i++) {
            if (spectra[i].length != wavelengths.length) {
                throw new IllegalArgumentException("endmember '" + names.get(i) + "' has " + spectra[i].length
                        + " values for " + wavelengths.length + " wavelengths");
            }
        }
        if (rhoR == null) {
            rhoR = new double[names.size()];
            java.util.Arrays.fill(rhoR, Double.NaN);
        }
        if (rhoR.length != names.size()) {
            throw new IllegalArgumentException(rhoR.length + " rho*r values for " + names.size() + " endmembers");
        }
    }

    public int size() {
        return names.size();
    }
}
