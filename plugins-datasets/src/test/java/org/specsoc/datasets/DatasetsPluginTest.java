package org.specsoc.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.PluginFactory;
import org.specsoc.api.plugin.SpectralPlugin;

class DatasetsPluginTest {
    @TempDir
    Path dir;

    @Test
    void registeredThroughTheServiceLoader() {
        var plugins = ServiceLoader.load(SpectralPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
        assertThat(plugins).anyMatch(p -> p instanceof DatasetsPlugin);
        var plugin = new DatasetsPlugin();
        assertThat(plugin.datasetFactories()).extracting(PluginFactory::name)
                .containsExactly("synthetic", "spectra-csv", "raca", "lucas", "collection");
        assertThat(plugin.preprocessorFactories()).extracting(PluginFactory::name)
                .contains("cut", "resample", "snv", "savitzky-golay", "dead-pixel", "absorbance", "reflectance");
        assertThat(plugin.spectralLibraryReaders()).hasSize(3);
    }

    private DatasetFactory dataset(String name) {
        return new DatasetsPlugin().datasetFactories().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void spectraCsvThroughItsKeys() throws IOException {
        Files.writeString(dir.resolve("d.csv"),
                "sample_id,toc,site,nm_500,nm_510\na,2.0,s1,0.4,0.5\nb,3.0,s2,0.3,0.2\n");
        var f = dataset("spectra-csv");
        var config = f.configSpec().bind("dataset.", Map.of("file", "d.csv", "label-column", "toc",
                "region-column", "site"));
        SpectralDataset d = f.create(config, new TestContext(dir)).load();
        assertThat(d.soc(1)).isEqualTo(0.03f);
        assertThat(d.group(SpectralDataset.REGION)).containsExactly("s1", "s2");
        assertThatThrownBy(() -> f.configSpec().bind("dataset.", Map.of("file", "d.csv", "quantity", "radiance")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("dataset.quantity");
    }

    @Test
    void racaNeedsItsSamplesFile() {
        var f = dataset("raca");
        var config = f.configSpec().bind("dataset.", Map.of("file", "x.csv"));
        assertThatThrownBy(() -> f.create(config, new TestContext(dir))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dataset.samples-file");
    }
}
