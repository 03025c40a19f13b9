package org.specsoc.datasets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.testing.SharedData;
import org.specsoc.datasets.TestContext;

class SyntheticDatasetFactoryTest {
    @TempDir
    Path dir;

    private final SyntheticDatasetFactory factory = new SyntheticDatasetFactory();

    private SyntheticDataSource source(Map<String, String> keys) {
        return (SyntheticDataSource) factory.create(factory.configSpec().bind("dataset.", keys), new TestContext(dir));
    }

    @Test
    void keysShapeTheDataAndTheTruthIsWritten() throws IOException {
        var s = source(Map.of("scale", "0.01", "region-count", "5", "grid.start", "400", "grid.end", "2400",
                "grid.step", "20", "truth.dir", "truth"));
        SpectralDataset d = s.load();
        assertThat(d.bands()).isEqualTo(101);
        assertThat(java.util.Arrays.stream(d.group("region")).distinct()).containsExactly("1", "2", "3", "4", "5");
        assertThat(dir.resolve("truth/truth_samples.csv")).exists();
        assertThat(s.truth()).isPresent();
        assertThat(s.endmembers()).get().satisfies(lib -> {
            assertThat(lib.wavelengths()).isEqualTo(d.wavelengths());
            assertThat(lib.names()).contains("kaolinite", "calcite", "goethite").doesNotContain("soc");
        });
    }

    @Test
    void unknownOodRegionIsAConfigurationError() {
        assertThatThrownBy(() -> source(Map.of("ood-regions", "3,17")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("dataset.ood-regions")
                .hasMessageContaining("[17]");
    }

    @Test
    void aRealLibraryReplacesTheAnalyticMinerals() throws IOException {
        Path lib = SharedData.require("usgs_splib07a/usgs_soil_minerals_12_subset.csv");
        var s = source(Map.of("scale", "0.005", "grid.start", "400", "grid.end", "2400", "grid.step", "50",
                "endmembers.file", lib.toString()));
        SpectralDataset d = s.load();
        assertThat(s.endmembers().orElseThrow().size()).isEqualTo(12);
        assertThat(d.rows()).isPositive();
        assertThat(PluginConfig.of(factory.configSpec(), Map.of()).getDouble("noise")).isEqualTo(0.01);
    }

    /**
     * The failure pattern the paper reports: a linear model fitted on every other region predicts an OOD region's
     * SOC worse than an ordinary region's.
     */
    @Test
    void leaveOneRegionOutFailsOnTheOodRegions() throws IOException {
        SpectralDataset d = source(Map.of("scale", "0.06", "grid.start", "400", "grid.end", "2480", "grid.step",
                "40", "seed", "11")).load();
        double ood = 0;
        double normal = 0;
        int nOod = 0;
        int nNormal = 0;
        for (String region : new String[] {"1", "2", "4", "7", "9", "10", "3", "5", "6", "8"}) {
            double rmse = RidgeProbe.leaveOut(d, region);
            if (SyntheticSettings.DEFAULT_OOD.contains(Integer.parseInt(region))) {
                ood += rmse;
                nOod++;
            } else {
                normal += rmse;
                nNormal++;
            }
        }
        assertThat(ood / nOod).isGreaterThan(1.5 * normal / nNormal);
    }
}
