package org.specsoc.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.synthetic.SyntheticDataSource;
import org.specsoc.datasets.synthetic.SyntheticGenerator;
import org.specsoc.datasets.synthetic.SyntheticSettings;

class SyntheticGroundTruthTest {

    @Test
    void theGeneratorsPlantedSocSpectrumAndOodRegionsAreFoundAfterLoading() throws Exception {
        var source = new SyntheticDataSource(new SyntheticGenerator(SyntheticSettings.defaults(3).withScale(0.01)
                .withGrid(400, 2500, 50)), Optional.empty());
        var lookup = new SyntheticGroundTruth();
        SpectralDataset data = source.load();

        GroundTruth truth = lookup.find(source, data).orElseThrow();
        assertThat(truth.socSpectrum()).hasSize(data.bands());
        assertThat(truth.oodGroups()).containsExactlyInAnyOrder("3", "5", "6", "8", "16", "18");
        assertThat(data.group("region")).contains("3", "18");
        assertThat(lookup.find(() -> data, data)).isEmpty();
    }
}
