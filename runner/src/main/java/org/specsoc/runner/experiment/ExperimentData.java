package org.specsoc.runner.experiment;

import java.util.Objects;
import java.util.Optional;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.data.SpectralDataset;

/**
 * The data a sweep runs on: the loaded data set, the source it came from (for its endmember library), and
 * what is known about how it was made, when it was synthetic.
 */
public record ExperimentData(SpectralDataSource source, SpectralDataset dataset, Optional<GroundTruth> truth) {

    public ExperimentData {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(truth, "truth");
    }
}
