package org.specsoc.runner.experiment;

import java.util.Optional;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.data.SpectralDataset;

/**
 * Finds the planted truth of a data source, when it has one (the synthetic generator). Bound in Guice with an
 * {@code OptionalBinder}; the default knows none, so real data are reported without it.
 */
@FunctionalInterface
public interface GroundTruthLookup {

    Optional<GroundTruth> find(SpectralDataSource source, SpectralDataset dataset);

    static GroundTruthLookup none() {
        return (source, dataset) -> Optional.empty();
    }
}
