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
        // The scale of examples/paper-exp3-synthetic.properties, on a coarse grid.
        var source = new SyntheticDataSource(new SyntheticGenerator(SyntheticSettings.defaults(1).withScale(0.05)
                .withGrid(365, 2500, 50)), Optional.empty());
        var lookup = new SyntheticGroundTruth();
        SpectralDataset data = source.load();

        GroundTruth truth = lookup.find(source, data).orElseThrow();
        assertThat(truth.socSpectrum()).hasSize(data.bands());
        assertThat(truth.oodGroups()).containsExactlyInAnyOrder("3", "5", "6", "8", "16", "18");
        assertThat(data.group("region")).contains("3", "18");
        assertThat(lookup.find(() -> data, data)).isEmpty();

        // The generator's columns are what the planner needs: every region held out, 10 + 5 pedons drawn.
        PlanData plan = PlanData.of(data, "region", "experiment.group-column", "pedon");
        var planner = new SweepPlanner(plan, new RunStore(java.nio.file.Path.of("runs")));
        var tasks = planner.finetune(java.util.List.of(0L), java.util.List.of(Architecture.ANN),
                planner.heldOutGroups(java.util.List.of()), 10, 5, 25, "experiment.pedon-column");
        assertThat(tasks).hasSize(17);
        assertThat(tasks.get(0).phases().get(1).rows().train()).isNotEmpty();
    }
}
