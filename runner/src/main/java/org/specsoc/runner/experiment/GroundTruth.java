package org.specsoc.runner.experiment;

import java.util.Objects;
import java.util.Set;

/**
 * What a synthetic data set planted, so that a sweep can check what it recovered.
 *
 * @param socSpectrum the planted f_SOC on the data set's wavelength grid
 * @param oodGroups   the groups (regions) generated out of distribution; may be empty
 */
public record GroundTruth(double[] socSpectrum, Set<String> oodGroups) {

    public GroundTruth {
        Objects.requireNonNull(socSpectrum, "socSpectrum");
        socSpectrum = socSpectrum.clone();
        oodGroups = Set.copyOf(oodGroups);
    }
}
