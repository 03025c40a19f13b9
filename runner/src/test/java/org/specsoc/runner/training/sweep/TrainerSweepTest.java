package org.specsoc.runner.training.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.api.model.TrainingListener;
import org.specsoc.runner.archive.ModelArchive;
import org.specsoc.runner.archive.ModelArchiveReader;
import org.specsoc.runner.cli.SpecsocCli;
import org.specsoc.runner.model.ModelCodec;
import org.specsoc.runner.model.TrainedModel;
import org.specsoc.runner.wiring.PluginRegistry;
import org.specsoc.runner.wiring.RunnerExtension;
import org.specsoc.runner.wiring.SpecsocWiring;

/**
 * Sweeps end to end through the real plugins and the real trainer on a tiny synthetic data set (4 regions,
 * ~100 spectra each, 43 wavelengths, a 16-wide network, a few epochs): seconds, not minutes.
 */
class TrainerSweepTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path base;

    private record Result(int exit, String err) {
    }

    private static Supplier<Injector> wiring(TrainingListener... extra) {
        return () -> {
            ClassLoader loader = TrainerSweepTest.class.getClassLoader();
            var modules = new ArrayList<Module>();
            ServiceLoader.load(RunnerExtension.class, loader).forEach(modules::add);
            modules.add(new AbstractModule() {
                @Override
                protected void configure() {
                    var listeners = Multibinder.newSetBinder(binder(), TrainingListener.class);
                    for (TrainingListener l : extra) {
                        listeners.addBinding().toInstance(l);
                    }
                }
            });
            return SpecsocWiring.create(PluginRegistry.discover(loader), modules);
        };
    }

    private Result run(Supplier<Injector> wiring, Path config, String... sets) {
        var args = new ArrayList<String>(List.of("run", config.toString()));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        var err = new StringWriter();
        var cl = new SpecsocCli(wiring, base).commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args.toArray(String[]::new));
        return new Result(exit, err.toString());
    }

    private Path config(String experimentLines) throws IOException {
        Path file = base.resolve("sweep.properties");
        Files.writeString(file, experimentLines + """

                dataset.type=synthetic
                dataset.scale=0.02
                dataset.region-count=4
                dataset.ood-regions=3
                dataset.grid.step=50
                encoder.type=mlp
                encoder.hidden=16
                encoder.blocks=1
                decoder.endmembers=dataset
                train.epochs=4
                train.batch-size=16
                train.learning-rate=1e-3
                train.eval-interval=2
                train.progress=off
                compute.backend=java
                """);
        return file;
    }

    private static List<NamedCsvRecord> runs(Path output) throws IOException {
        try (var reader = CsvReader.builder().ofNamedCsvRecord(output.resolve("runs.csv"))) {
            return reader.stream().toList();
        }
    }

    private static void assertFinite(NamedCsvRecord row, String... columns) {
        for (String c : columns) {
            assertThat(Double.parseDouble(row.getField(c))).as(row.getField("architecture") + " " + c).isFinite();
        }
    }

    @Test
    void splitSweepTrainsNetworksAndPlsrAndReportsFiniteMetrics() throws IOException {
        Path out = base.resolve("split");
        Result r = run(wiring(), config("""
                experiment.type=split
                experiment.seeds=0
                experiment.architectures=none, linear-mixing, plsr
                """), "output.dir=" + out, "train.checkpoint.every=2");
        assertThat(r.exit()).as(r.err()).isZero();
        List<NamedCsvRecord> rows = runs(out);
        assertThat(rows).extracting(row -> row.getField("architecture"))
                .containsExactlyInAnyOrder("none", "linear-mixing", "plsr");
        for (NamedCsvRecord row : rows) {
            assertFinite(row, "train_rmse", "train_r2", "val_rmse", "val_r2", "val_bias", "wall_s");
            assertThat(row.getField("backend")).isEqualTo("java");
            if (row.getField("architecture").equals("linear-mixing")) {
                assertFinite(row, "val_mrmse", "rho_r_soc", "f_soc_mean", "f_soc_corr_planted");
                assertThat(Files.readAllLines(out.resolve(row.getField("learning_curve")))).hasSize(5);
            } else {
                assertThat(row.getField("val_mrmse")).isEmpty();
            }
        }
        assertThat(out.resolve("summary.md")).isRegularFile();
        assertThat(JSON.readTree(out.resolve("summary.json").toFile())).isNotEmpty();
        try (var left = Files.list(out.resolve("runs"))) {
            // Checkpoints (here every 2 of the 4 epochs) are deleted with their folder once a run has finished.
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".checkpoints"));
        }
    }

    @Test
    void loroSweepWithBothDecodersAndTheirOwnKeys() throws IOException {
        Path out = base.resolve("loro");
        Result r = run(wiring(), config("""
                experiment.type=loro
                experiment.seeds=0, 1
                experiment.architectures=ann, linear-mixing
                experiment.parallelism=2
                experiment.problematic-groups=3
                decoder.hidden=16
                decoder.blocks=1
                """), "output.dir=" + out);
        assertThat(r.exit()).as(r.err()).isZero();
        List<NamedCsvRecord> rows = runs(out);
        assertThat(rows).hasSize(4 * 2 * 2);
        assertThat(rows).extracting(row -> row.getField("group")).containsOnly("1", "2", "3", "4");
        rows.forEach(row -> assertFinite(row, "train_rmse", "val_rmse", "val_mrmse", "train_mrmse"));
        assertThat(JSON.readTree(out.resolve("summary.json").toFile())).isNotEmpty();
        // Region 3 is the planted out-of-distribution one: the report compares its runs with the others'.
        assertThat(Files.readString(out.resolve("summary.md"))).contains("Welch").contains("ANN decoder")
                .contains("Physics-informed");
    }

    @Test
    void parallelRunsGiveTheNumbersOfSequentialOnes() throws IOException {
        String experiment = """
                experiment.type=split
                experiment.seeds=0, 1
                experiment.architectures=linear-mixing
                """;
        Path one = base.resolve("one");
        Path two = base.resolve("two");
        assertThat(run(wiring(), config(experiment), "output.dir=" + one, "experiment.parallelism=1").exit()).isZero();
        assertThat(run(wiring(), config(experiment), "output.dir=" + two, "experiment.parallelism=2").exit()).isZero();
        List<NamedCsvRecord> a = runs(one);
        List<NamedCsvRecord> b = runs(two);
        assertThat(b).hasSameSizeAs(a).hasSize(2);
        for (int i = 0; i < a.size(); i++) {
            for (String c : List.of("seed", "train_rmse", "train_mrmse", "val_rmse", "val_mrmse", "rho_r_soc")) {
                assertThat(b.get(i).getField(c)).as(c).isEqualTo(a.get(i).getField(c));
            }
        }
    }

    @Test
    void aKilledRunResumesFromItsCheckpointToTheSameMetrics() throws IOException {
        String experiment = """
                experiment.type=split
                experiment.seeds=0
                experiment.architectures=linear-mixing
                """;
        Path whole = base.resolve("whole");
        assertThat(run(wiring(), config(experiment), "output.dir=" + whole, "train.checkpoint.every=2").exit())
                .isZero();

        Path killed = base.resolve("killed");
        var kill = new TrainingListener() {
            @Override
            public void onEpochEnd(String runId, int epoch, int epochs, Map<String, Double> metrics) {
                if (epoch == 3) {
                    throw new IllegalStateException("killed at epoch 3");
                }
            }
        };
        Result first = run(wiring(kill), config(experiment), "output.dir=" + killed, "train.checkpoint.every=2",
                "train.checkpoint.keep-final=true");
        // The run is recorded as failed (the sweep would go on with others) and the command exits 1.
        assertThat(first.exit()).isEqualTo(1);
        assertThat(first.err()).contains("1 of 1 runs failed, see").contains("runs.csv");
        assertThat(runs(killed).get(0).getField("status")).isEqualTo("failed");
        assertThat(runs(killed).get(0).getField("message")).contains("killed at epoch 3");
        Path checkpoints = killed.resolve("runs/split_grandom_s0_linear-mixing_train.checkpoints");
        try (var files = Files.list(checkpoints)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("checkpoint-epoch-000002.zip");
        }

        Result second = run(wiring(), config(experiment), "output.dir=" + killed, "train.checkpoint.every=2",
                "train.checkpoint.keep-final=true");
        assertThat(second.exit()).as(second.err()).isZero();
        NamedCsvRecord a = runs(whole).get(0);
        NamedCsvRecord b = runs(killed).get(0);
        for (String c : List.of("train_rmse", "train_r2", "train_bias", "train_mrmse", "val_rmse", "val_r2",
                "val_bias", "val_mrmse", "rho_r_soc", "f_soc_mean")) {
            assertThat(b.getField(c)).as(c).isEqualTo(a.getField(c));
        }
        // The resumed run only trained epochs 3 and 4.
        assertThat(Files.readAllLines(killed.resolve(b.getField("learning_curve")))).hasSize(3);
    }

    @Test
    void aRunThatDivergesIsRecordedAndTheOtherRunsFinish() throws IOException {
        Path out = base.resolve("diverging");
        // What the divergence guard does for one run: throw from a listener at the end of an epoch.
        var guard = new TrainingListener() {
            @Override
            public void onEpochEnd(String runId, int epoch, int epochs, Map<String, Double> metrics) {
                if (runId.equals("loro_g2_s0_ann_train") && epoch == 2) {
                    throw new org.specsoc.runner.training.listeners.TrainingDivergedException("val_rmse", epoch,
                            Double.NaN, "run " + runId + ": val_rmse is NaN at epoch 2");
                }
            }
        };
        Result r = run(wiring(guard), config("""
                experiment.type=loro
                experiment.seeds=0
                experiment.architectures=ann, linear-mixing
                decoder.hidden=16
                decoder.blocks=1
                """), "output.dir=" + out);
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("specsoc: 1 of 8 runs failed, see " + out.resolve("runs.csv"));
        List<NamedCsvRecord> rows = runs(out);
        assertThat(rows).hasSize(8);
        NamedCsvRecord diverged = rows.stream().filter(row -> !row.getField("status").equals("ok")).findFirst()
                .orElseThrow();
        assertThat(diverged.getField("group") + "/" + diverged.getField("architecture")).isEqualTo("2/ann");
        assertThat(diverged.getField("status")).isEqualTo("diverged");
        assertThat(diverged.getField("message")).contains("val_rmse is NaN at epoch 2");
        assertThat(diverged.getField("val_rmse")).isEmpty();
        rows.stream().filter(row -> row.getField("status").equals("ok"))
                .forEach(row -> assertFinite(row, "train_rmse", "val_rmse"));
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("failedRuns").asInt()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("summary.md"))).contains("**1 of 8 runs did not finish**");
        assertThat(out.resolve("provenance.json")).isRegularFile();

        // The same command again retries the diverged run only (here it no longer diverges) and exits 0.
        Result again = run(wiring(), config("""
                experiment.type=loro
                experiment.seeds=0
                experiment.architectures=ann, linear-mixing
                decoder.hidden=16
                decoder.blocks=1
                """), "output.dir=" + out);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(runs(out)).extracting(row -> row.getField("status")).containsOnly("ok");
    }

    @Test
    void finetuneStartsFromThePretrainedModel() throws IOException {
        Path out = base.resolve("finetune");
        Result r = run(wiring(), config("""
                experiment.type=finetune
                experiment.seeds=0
                experiment.groups=1
                experiment.architectures=none, linear-mixing
                experiment.finetune.labelled-pedons=3
                experiment.finetune.target-pedons=2
                experiment.finetune.epochs=2
                """), "output.dir=" + out, "train.freeze=decoder", "train.batch-size=32");
        assertThat(r.exit()).as(r.err()).isZero();
        List<NamedCsvRecord> rows = runs(out);
        assertThat(rows).extracting(row -> row.getField("architecture") + "/" + row.getField("phase"))
                .containsExactlyInAnyOrder("none/pretrain", "none/finetune", "linear-mixing/pretrain",
                        "linear-mixing/finetune");
        rows.forEach(row -> assertFinite(row, "train_rmse", "val_rmse"));
        NamedCsvRecord pre = row(rows, "linear-mixing", "pretrain");
        NamedCsvRecord fine = row(rows, "linear-mixing", "finetune");
        assertFinite(fine, "val_mrmse");
        // The decoder is frozen while fine-tuning: (rho r)_SOC and f_SOC stay those of the pre-trained model.
        assertThat(fine.getField("rho_r_soc")).isEqualTo(pre.getField("rho_r_soc"));
        assertThat(fine.getField("f_soc_mean")).isEqualTo(pre.getField("f_soc_mean"));
        assertThat(fine.getField("val_rmse")).isNotEqualTo(pre.getField("val_rmse"));
        assertThat(Files.readAllLines(out.resolve(fine.getField("learning_curve")))).hasSize(3);
        // Without a decoder the fine-tuning set is the 2 target pedons' labelled spectra, fewer than a batch of
        // 32: one smaller batch trains on them.
        assertThat(Files.readAllLines(out.resolve(row(rows, "none", "finetune").getField("learning_curve"))))
                .hasSize(3);
    }

    private static NamedCsvRecord row(List<NamedCsvRecord> rows, String architecture, String phase) {
        return rows.stream().filter(r -> r.getField("architecture").equals(architecture)
                && r.getField("phase").equals(phase)).findFirst().orElseThrow();
    }

    @Test
    void trainExperimentSavesACalibratedArchive() throws IOException {
        Path out = base.resolve("train");
        Result r = run(wiring(), config("""
                experiment.type=train
                experiment.architecture=linear-mixing
                """), "output.dir=" + out, "train.calibration-fraction=0.2");
        assertThat(r.exit()).as(r.err()).isZero();
        ModelArchive archive = ModelArchiveReader.read(out.resolve("model.specsoc"));
        assertThat(archive.extras()).containsKey(ModelArchive.CALIBRATION);
        assertThat(archive.tensors().keySet()).anyMatch(n -> n.startsWith("encoder."))
                .anyMatch(n -> n.startsWith("decoder."));
        assertThat(archive.endmemberNames()).isNotEmpty();
        assertThat(archive.provenance().compute().backend()).isEqualTo("java");
        assertThat(archive.wavelengths()).hasSize(43);
        // specsoc predict's loader rebuilds it, calibration included.
        try (var backend = new ReferenceBackend()) {
            ModelCodec.Loaded loaded = ModelCodec.load(out.resolve("model.specsoc"),
                    PluginRegistry.discover(TrainerSweepTest.class.getClassLoader()), backend);
            assertThat(loaded.calibration()).isPresent();
            assertThat(loaded.model()).isInstanceOf(TrainedModel.Network.class);
        }
    }

    @Test
    void sweepsApplyThePreprocessingChainBeforeSplitting() throws IOException {
        String loro = """
                experiment.type=loro
                experiment.seeds=0
                experiment.groups=1
                experiment.architectures=linear-mixing
                """;
        Path plain = base.resolve("plain");
        Path snv = base.resolve("snv");
        assertThat(run(wiring(), config(loro), "output.dir=" + plain).exit()).isZero();
        Result r = run(wiring(), config(loro), "output.dir=" + snv, "preprocess.steps=snv");
        assertThat(r.exit()).as(r.err()).isZero();
        NamedCsvRecord a = runs(plain).get(0);
        NamedCsvRecord b = runs(snv).get(0);
        // The same run (same split, same seed) on standardised spectra: other numbers, reconstructed in SNV units.
        for (String c : List.of("train_rmse", "val_rmse", "val_mrmse")) {
            assertThat(b.getField(c)).as(c).isNotEqualTo(a.getField(c));
        }
        assertThat(Double.parseDouble(b.getField("val_mrmse"))).isGreaterThan(Double.parseDouble(a.getField("val_mrmse")));
        JsonNode provenance = JSON.readTree(snv.resolve("provenance.json").toFile());
        assertThat(provenance.get("preprocessing").findValuesAsText("name")).containsExactly("snv");
        assertThat(JSON.readTree(plain.resolve("provenance.json").toFile()).get("preprocessing")).isEmpty();
        assertThat(Files.readAllLines(snv.resolve("effective-config.properties"))).contains("preprocess.steps=snv");
    }

    @Test
    void aSavedModelStoresTheRawGridAndTheStepsThatCutIt() throws IOException {
        Path out = base.resolve("cut");
        Result r = run(wiring(), config("""
                experiment.type=train
                experiment.architecture=linear-mixing
                preprocess.steps=cut, snv
                preprocess.cut.min=600
                preprocess.cut.max=1800
                """), "output.dir=" + out, "train.calibration-fraction=0.2");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode provenance = JSON.readTree(out.resolve("provenance.json").toFile());
        // 365..2500 nm every 50 nm, cut to 615..1765 nm.
        assertThat(provenance.get("dataset").get("rawBands").asInt()).isEqualTo(43);
        assertThat(provenance.get("dataset").get("bands").asInt()).isEqualTo(24);
        assertThat(provenance.get("preprocessing").findValuesAsText("name")).containsExactly("cut", "snv");
        ModelArchive archive = ModelArchiveReader.read(out.resolve("model.specsoc"));
        assertThat(archive.wavelengths()).hasSize(43);
        try (var backend = new ReferenceBackend()) {
            ModelCodec.Loaded loaded = ModelCodec.load(out.resolve("model.specsoc"),
                    PluginRegistry.discover(TrainerSweepTest.class.getClassLoader()), backend);
            assertThat(loaded.preprocessing()).extracting(m -> m.get("name")).containsExactly("cut", "snv");
            assertThat(loaded.preprocessing().get(0)).containsEntry("min", "600.0").containsEntry("max", "1800.0");
            assertThat(loaded.model().networkGrid()).hasSize(24).startsWith(615.0);
            assertThat(loaded.model().dataGrid()).hasSize(43);
        }
    }

    @Test
    void aBadPreprocessingStepIsAConfigurationErrorNamingTheKey() throws IOException {
        String split = """
                experiment.type=split
                experiment.seeds=0
                experiment.architectures=linear-mixing
                """;
        Result unknown = run(wiring(), config(split), "output.dir=" + base.resolve("bad1"), "preprocess.steps=snv, wavelet");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("preprocess.steps").contains("wavelet");
        Result uncovered = run(wiring(), config(split), "output.dir=" + base.resolve("bad2"),
                "preprocess.steps=resample", "preprocess.resample.start=300", "preprocess.resample.end=2500");
        assertThat(uncovered.exit()).as(uncovered.err()).isEqualTo(2);
        assertThat(uncovered.err()).contains("key 'preprocess.steps': step 'resample' (keys preprocess.resample.*)")
                .contains("300.0..365.0 nm");
        assertThat(base.resolve("bad2").resolve("runs")).doesNotExist();
    }

    @Test
    void leavingOneCollectionMemberOutHoldsOutEachFile() throws IOException {
        // Two small member files: percent labels and reflectance in one, g/kg labels in the other.
        var random = new java.util.SplittableRandom(7);
        for (String member : List.of("north", "south")) {
            var sb = new StringBuilder("sample_id,").append(member.equals("north") ? "soc_pct" : "soc_g_per_kg");
            for (int w = 400; w <= 2400; w += 50) {
                sb.append(",nm_").append(w);
            }
            sb.append('\n');
            for (int r = 0; r < 40; r++) {
                double soc = 0.5 + 3 * random.nextDouble();
                sb.append(r).append(',').append(member.equals("north") ? soc : 10 * soc);
                for (int w = 400; w <= 2400; w += 50) {
                    sb.append(',').append(0.5 - 0.05 * soc + 0.0001 * (w - 400) + 0.01 * random.nextDouble());
                }
                sb.append('\n');
            }
            Files.createDirectories(base.resolve("members"));
            Files.writeString(base.resolve("members/" + member + ".csv"), sb);
        }
        Path file = base.resolve("collection.properties");
        Files.writeString(file, """
                experiment.type=loro
                experiment.group-column=dataset
                experiment.seeds=0
                experiment.architectures=none
                dataset.type=collection
                dataset.root=members
                dataset.members=north.csv, south.csv
                dataset.grid.start=400
                dataset.grid.end=2400
                dataset.grid.step=100
                encoder.type=mlp
                encoder.hidden=16
                encoder.blocks=1
                train.epochs=2
                train.batch-size=16
                train.progress=off
                compute.backend=java
                """);
        Path out = base.resolve("collection");
        Result r = run(wiring(), file, "output.dir=" + out);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(runs(out)).extracting(row -> row.getField("group") + "/" + row.getField("val_n"))
                .containsExactly("north/40", "south/40");
        JsonNode dataset = JSON.readTree(out.resolve("provenance.json").toFile()).get("dataset");
        assertThat(dataset.get("source").asText()).isEqualTo("collection");
        assertThat(dataset.get("bands").asInt()).isEqualTo(21);
        assertThat(dataset.get("files")).hasSize(2);
    }

    @Test
    void anUnknownArchitectureIsAConfigurationErrorBeforeAnythingRuns() throws IOException {
        Path out = base.resolve("bad");
        Result r = run(wiring(), config("""
                experiment.type=split
                experiment.architectures=none, linear-mixin
                """), "output.dir=" + out);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("experiment.architectures").contains("'linear-mixin' is not an architecture");
        assertThat(out.resolve("runs")).doesNotExist();
    }

    @Test
    void keysOfADecoderNoArchitectureUsesAreRejected() throws IOException {
        Result r = run(wiring(), config("""
                experiment.type=split
                experiment.architectures=none, linear-mixing
                decoder.hidden=16
                """), "output.dir=" + base.resolve("unused"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("decoder.hidden").contains("'ann'");
    }
}
