package org.specsoc.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.multibindings.MapBinder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.DatasetsPlugin;
import org.specsoc.datasets.csv.CsvLayout;
import org.specsoc.datasets.csv.SpectraCsvReader;
import org.specsoc.datasets.csv.SpectralQuantity;
import org.specsoc.runner.testing.FakeExperimentType;
import org.specsoc.runner.testing.FakePlugin;
import org.specsoc.runner.testing.FakeWorld;
import org.specsoc.runner.wiring.ExperimentType;
import org.specsoc.runner.wiring.PluginKind;
import org.specsoc.runner.wiring.PluginRegistry;
import org.specsoc.runner.wiring.SpecsocWiring;
import picocli.CommandLine;

class GenerateCommandTest {
    @TempDir
    Path base;

    /** The real dataset plugins, a fake CPU backend and an experiment type that needs only a data set. */
    private static Injector injector() {
        var backends = new FakePlugin().backend(new FakeWorld().java);
        return SpecsocWiring.create(PluginRegistry.of(List.of(new DatasetsPlugin(), backends)),
                List.of(new AbstractModule() {
                    @Override
                    protected void configure() {
                        MapBinder.newMapBinder(binder(), String.class, ExperimentType.class).addBinding("split")
                                .toInstance(new FakeExperimentType("split", ConfigSpec.empty(),
                                        EnumSet.of(PluginKind.DATASET), env -> { }));
                    }
                }));
    }

    private String lastErr = "";

    private int run(String... args) {
        CommandLine cl = new SpecsocCli(GenerateCommandTest::injector, base).commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        var err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        lastErr = err.toString();
        return exit;
    }

    @Test
    void writesTheSyntheticDataSetAndItsTruth() throws IOException {
        Path config = base.resolve("gen.properties");
        Files.writeString(config, """
                experiment.type=split
                dataset.type=synthetic
                dataset.scale=0.005
                dataset.grid.step=50
                compute.backend=auto
                """);
        assertThat(run("generate", "gen.properties", "--out", "data/syn.csv")).as(() -> lastErr).isZero();
        Path csv = base.resolve("data/syn.csv");
        var layout = new CsvLayout(Optional.empty(), Optional.of("soc"), 1.0, Optional.of("region"),
                Optional.of("pedon"), List.of(), SpectralQuantity.REFLECTANCE, false);
        SpectralDataset back = new SpectraCsvReader(layout).read(csv);
        assertThat(back.bands()).isEqualTo(43);
        assertThat(back.rows()).isGreaterThan(100);
        assertThat(back.labelledCount()).isEqualTo(back.rows());
        assertThat(base.resolve("data/syn_truth/truth_samples.csv")).exists();
        assertThat(Files.readAllLines(base.resolve("data/syn_truth/truth_samples.csv"))).hasSize(back.rows() + 1);
    }

    @Test
    void aConfigurationWithoutDataSetIsAConfigurationError() throws IOException {
        Path config = base.resolve("bad.properties");
        Files.writeString(config, "experiment.type=split\ndataset.type=synthetic\ndataset.scael=0.1\n");
        assertThat(run("generate", "bad.properties", "--out", "x.csv")).isEqualTo(SpecsocCli.CONFIG_ERROR);
        assertThat(lastErr).contains("dataset.scael").contains("dataset.scale");
        assertThat(base.resolve("x.csv")).doesNotExist();
    }

    @Test
    void aFileWithOnlyTheDataSetSectionIsEnoughAndStillChecked() throws IOException {
        Files.writeString(base.resolve("data-only.properties"), "dataset.type=synthetic\ndataset.scale=0.005\n"
                + "dataset.grid.step=50\n");
        assertThat(run("generate", "data-only.properties", "--out", "d.csv")).as(() -> lastErr).isZero();
        assertThat(base.resolve("d.csv")).exists();

        Files.writeString(base.resolve("typo.properties"), "dataset.type=synthetic\ndatset.scale=0.005\n");
        assertThat(run("generate", "typo.properties", "--out", "t.csv")).isEqualTo(SpecsocCli.CONFIG_ERROR);
        assertThat(lastErr).contains("datset.scale").doesNotContain("experiment.type");
        assertThat(base.resolve("t.csv")).doesNotExist();
    }
}
