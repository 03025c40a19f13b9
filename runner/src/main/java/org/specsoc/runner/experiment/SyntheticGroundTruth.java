package org.specsoc.runner.experiment;

import java.util.Optional;
import java.util.stream.Collectors;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.synthetic.SyntheticDataSource;

/**
 * The planted truth of the embedded generator ({@code dataset.type=synthetic}): the ordinary regions' SOC
 * spectrum and the regions generated out of distribution. Other sources have none.
 */
final class SyntheticGroundTruth implements GroundTruthLookup {

    @Override
    public Optional<GroundTruth> find(SpectralDataSource source, SpectralDataset dataset) {
        if (!(source instanceof SyntheticDataSource synthetic)) {
            return Optional.empty();
        }
        return synthetic.truth().map(t -> {
            double[] soc = new double[t.socSpectrum().length];
            for (int i = 0; i < soc.length; i++) {
                soc[i] = t.socSpectrum()[i];
            }
            return new GroundTruth(soc, t.oodRegions().stream().map(String::valueOf).collect(Collectors.toSet()));
        });
    }
}
