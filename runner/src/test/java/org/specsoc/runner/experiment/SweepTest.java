package org.specsoc.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.runner.report.ReportWriter;

/** The sweep with a fake trainer: outputs, parallel runs, and resuming after a crash. */
class SweepTest {
    private static final List<Architecture> PAPER = List.of(Architecture.NONE, Architecture.ANN,
            Architecture.LINEAR_MIXING);
    private static final Set<String> OOD = Set.of("3", "5");
    private static final List<String> REGIONS = List.of("1", "2", "3", "4", "5", "6");

    @TempDir
    Path dir;

    private final PlanData data = RegionWorld.layout(REGIONS, 6, 2);
    private final double[] grid = FakeRunFunction.grid();
    private final double[] planted = FakeRunFunction.plantedSpectrum(grid);

    private List<RunResult> loro(Path output, FakeRunFunction function, int parallelism) throws Exception {
        RunStore store = new RunStore(output.resolve("runs"));
        SweepPlanner planner = new SweepPlanner(data, store);
        List<RunTask> tasks = planner.leaveOneGroupOut(List.of(0L, 23L), PAPER, planner.heldOutGroups(List.of()));
        return SweepExperiment.sweepAndReport(tasks, store, function, parallelism, SweepProgress.silent(),
                new SweepExperiment.ReportInputs(PAPER, List.of(), grid,
                        Optional.of(new GroundTruth(planted, OOD)), "train"), output);
    }

    @Test
    void aSweepWritesTablesCsvJsonAndPlots() throws Exception {
        Path out = dir.resolve("a");
        var function = new FakeRunFunction(OOD, planted, Integer.MAX_VALUE);
        List<RunResult> results = loro(out, function, 3);

        assertThat(results).hasSize(6 * 2 * 3);
        assertThat(function.calls.get()).isEqualTo(36);
        List<String> csv = Files.readAllLines(out.resolve(ReportWriter.RUNS_CSV));
        assertThat(csv).hasSize(37);
        assertThat(csv.get(0)).startsWith("experiment,group,seed,architecture,phase,train_rmse,train_r2")
                .contains("val_mrmse", "rho_r_soc", "f_soc_corr_planted", "wall_s", "backend");
        assertThat(csv.get(1)).startsWith("loro,1,0,none,train,");
        String md = Files.readString(out.resolve(ReportWriter.SUMMARY_MD));
        assertThat(md).contains("Table 2", "Problematic regions: 3, 5", "Generalizing regions: 1, 2, 4, 6",
                "Welch", "ANN decoder", "Physics-informed", "**train** mode", "Correlation of the mean f_SOC",
                "The problematic regions are exactly the planted ones.");
        String json = Files.readString(out.resolve(ReportWriter.SUMMARY_JSON));
        assertThat(json).contains("\"batchnormEvaluationMode\" : \"train\"", "\"problematic\" : [ \"3\", \"5\" ]",
                "\"correlationOfMeanWithPlanted\"", "\"plantedOodRecovered\" : true");
        // The fields the acceptance reads: Welch p per decoder and the f_SOC correlation.
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(tree.get("welch")).hasSize(2);
        tree.get("welch").forEach(w -> assertThat(w.get("p").asDouble()).isLessThan(0.01));
        assertThat(tree.get("socSpectrum").get("correlationOfMeanWithPlanted").asDouble()).isGreaterThan(0.9);
        assertThat(tree.get("socSpectrum").get("wavelengths")).hasSize(grid.length);
        for (String plot : List.of("f-soc", "r2-vs-mrmse", "learning-curves")) {
            byte[] png = Files.readAllBytes(out.resolve(plot + ".png"));
            assertThat(png.length).as(plot).isGreaterThan(1000);
            assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
            assertThat(Files.readString(out.resolve(plot + ".svg"))).contains("<svg");
        }
        // Learning curves are referenced relative to the output folder, so a moved folder still works.
        assertThat(results.get(0).learningCurve()).startsWith("runs/").endsWith(".curve.csv");
        assertThat(out.resolve(results.get(0).learningCurve())).isRegularFile();
    }

    @Test
    void aSweepKilledHalfwayAndRerunSkipsFinishedRunsAndGivesIdenticalFiles() throws Exception {
        Path whole = dir.resolve("whole");
        loro(whole, new FakeRunFunction(OOD, planted, Integer.MAX_VALUE), 2);

        Path resumed = dir.resolve("resumed");
        assertThatThrownBy(() -> loro(resumed, new FakeRunFunction(OOD, planted, 15), 3))
                .hasRootCauseInstanceOf(FakeRunFunction.SimulatedKill.class);
        long stored;
        try (Stream<Path> files = Files.list(resumed.resolve("runs"))) {
            stored = files.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        }
        assertThat(stored).isBetween(15L, 35L);
        // What a kill -9 during a write leaves: a hidden temporary file, never read.
        Files.writeString(resumed.resolve("runs").resolve(".loro_g1_s0_ann_train.json123.tmp"), "{\"key\": {");

        var second = new FakeRunFunction(OOD, planted, Integer.MAX_VALUE);
        loro(resumed, second, 3);

        assertThat(second.calls.get()).isEqualTo(36 - (int) stored);
        for (String file : List.of(ReportWriter.RUNS_CSV, ReportWriter.SUMMARY_MD, ReportWriter.SUMMARY_JSON)) {
            assertThat(Files.readString(resumed.resolve(file))).as(file)
                    .isEqualTo(Files.readString(whole.resolve(file)));
        }
        // A third invocation runs nothing at all.
        var third = new FakeRunFunction(OOD, planted, 0);
        loro(resumed, third, 3);
        assertThat(third.calls.get()).isZero();
    }

    @Test
    void fineTuningResumesFromTheSavedPreTrainedModel() throws Exception {
        Path out = dir.resolve("ft");
        RunStore store = new RunStore(out.resolve("runs"));
        SweepPlanner planner = new SweepPlanner(data, store);
        List<RunTask> tasks = planner.finetune(List.of(1L), List.of(Architecture.ANN), List.of("1", "2"), 3, 2, 4,
                "p");
        var inputs = new SweepExperiment.ReportInputs(List.of(Architecture.ANN), List.of(), grid, Optional.empty(),
                "train");
        // Crash after the first pre-training: its result and model are kept.
        assertThatThrownBy(() -> SweepExperiment.sweepAndReport(tasks, store, new FakeRunFunction(OOD, planted, 1), 1,
                SweepProgress.silent(), inputs, out)).hasRootCauseInstanceOf(FakeRunFunction.SimulatedKill.class);
        RunKey firstPre = tasks.get(0).phases().get(0).key();
        assertThat(store.contains(firstPre)).isTrue();
        assertThat(store.modelPath(firstPre)).isRegularFile();

        var second = new FakeRunFunction(OOD, planted, Integer.MAX_VALUE);
        List<RunResult> results = SweepExperiment.sweepAndReport(tasks, store, second, 1, SweepProgress.silent(),
                inputs, out);
        assertThat(second.calls.get()).isEqualTo(3);
        assertThat(results).extracting(r -> r.key().phase()).containsExactly(Phase.PRETRAIN, Phase.FINETUNE,
                Phase.PRETRAIN, Phase.FINETUNE);
        String md = Files.readString(out.resolve(ReportWriter.SUMMARY_MD));
        assertThat(md).contains("Table 3", "After pre-training", "After fine-tuning");

        // A pre-training whose model went missing is run again before its fine-tuning.
        Files.delete(store.resultFile(tasks.get(1).phases().get(1).key()));
        Files.delete(store.modelPath(tasks.get(1).phases().get(0).key()));
        var third = new FakeRunFunction(OOD, planted, Integer.MAX_VALUE);
        SweepExperiment.sweepAndReport(tasks, store, third, 1, SweepProgress.silent(), inputs, out);
        assertThat(third.calls.get()).isEqualTo(2);
    }

    @Test
    void aDivergedAndAFailedRunAreRecordedTheOthersFinishAndARerunRetriesOnlyThem() throws Exception {
        Path out = dir.resolve("failing");
        var function = new FakeRunFunction(OOD, planted, Integer.MAX_VALUE).failing(k -> switch (k.id()) {
            case "loro_g2_s0_ann_train" -> new FakeRunFunction.Diverged("training diverged: loss is NaN at epoch 3");
            case "loro_g4_s23_none_train" -> new IOException("disk on fire\nsecond line");
            default -> null;
        });
        List<RunResult> results = loro(out, function, 2);

        assertThat(function.calls.get()).isEqualTo(36);
        assertThat(results).hasSize(36);
        assertThat(results.stream().filter(r -> !r.succeeded()).map(r -> r.key().id() + " " + r.status()))
                .containsExactlyInAnyOrder("loro_g2_s0_ann_train DIVERGED", "loro_g4_s23_none_train FAILED");
        RunResult diverged = results.stream().filter(r -> r.status() == RunStatus.DIVERGED).findFirst().orElseThrow();
        assertThat(diverged.failure()).isEqualTo("Diverged: training diverged: loss is NaN at epoch 3");
        assertThat(diverged.validation().count()).isZero();

        List<String> csv = Files.readAllLines(out.resolve(ReportWriter.RUNS_CSV));
        assertThat(csv).hasSize(37);
        assertThat(csv.get(0)).endsWith(",learning_curve,status,message");
        assertThat(csv).filteredOn(l -> l.startsWith("loro,2,0,ann,"))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .endsWith(",diverged,Diverged: training diverged: loss is NaN at epoch 3");
        assertThat(csv).filteredOn(l -> l.startsWith("loro,4,23,none,"))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .endsWith(",failed,IOException: disk on fire");
        assertThat(csv.stream().filter(l -> l.contains(",ok,"))).hasSize(34);

        String md = Files.readString(out.resolve(ReportWriter.SUMMARY_MD));
        assertThat(md).contains("**2 of 36 runs did not finish**", "| loro_g2_s0_ann_train | diverged |",
                "| loro_g4_s23_none_train | failed | IOException: disk on fire |");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve(ReportWriter.SUMMARY_JSON)
                .toFile());
        assertThat(tree.get("runs").asInt()).isEqualTo(36);
        assertThat(tree.get("failedRuns").asInt()).isEqualTo(2);
        assertThat(tree.get("failures").findValuesAsText("run"))
                .containsExactly("loro_g2_s0_ann_train", "loro_g4_s23_none_train");
        // The tables count the 34 runs that finished: 12 per architecture minus the failed one.
        var allRegions = tree.get("table").get("blocks").get(0).get("rows");
        assertThat(allRegions.findValues("runs")).extracting(n -> n.asInt()).containsExactly(11, 11, 12);
        assertThat(md).doesNotContain("N/A |  |");

        // Rerunning retries exactly the two failed runs; then the files are those of a sweep that never failed.
        var retry = new FakeRunFunction(OOD, planted, Integer.MAX_VALUE);
        List<RunResult> retried = loro(out, retry, 2);
        assertThat(retry.calls.get()).isEqualTo(2);
        assertThat(retried).allMatch(RunResult::succeeded);
        Path clean = dir.resolve("clean");
        loro(clean, new FakeRunFunction(OOD, planted, Integer.MAX_VALUE), 2);
        for (String file : List.of(ReportWriter.RUNS_CSV, ReportWriter.SUMMARY_MD, ReportWriter.SUMMARY_JSON)) {
            assertThat(Files.readString(out.resolve(file))).as(file).isEqualTo(Files.readString(clean.resolve(file)));
        }
    }

    @Test
    void aSweepWhoseEveryRunFailsStillWritesItsReport() throws Exception {
        Path out = dir.resolve("all-failed");
        var function = new FakeRunFunction(OOD, planted, Integer.MAX_VALUE).failing(k -> new IOException("no data"));
        List<RunResult> results = loro(out, function, 1);
        assertThat(results).hasSize(36).noneMatch(RunResult::succeeded);
        assertThat(Files.readString(out.resolve(ReportWriter.SUMMARY_MD))).contains("**36 of 36 runs did not finish**");
        assertThat(Files.readAllLines(out.resolve(ReportWriter.RUNS_CSV))).hasSize(37);
    }

    @Test
    void anExplicitProblematicGroupWhoseRunsAllFailedIsLeftOutOfTheSplit() throws Exception {
        Path out = dir.resolve("explicit");
        RunStore store = new RunStore(out.resolve("runs"));
        SweepPlanner planner = new SweepPlanner(data, store);
        List<RunTask> tasks = planner.leaveOneGroupOut(List.of(0L), PAPER, planner.heldOutGroups(List.of()));
        var function = new FakeRunFunction(OOD, planted, Integer.MAX_VALUE)
                .failing(k -> k.group().equals("3") ? new IOException("no data") : null);
        SweepExperiment.sweepAndReport(tasks, store, function, 1, SweepProgress.silent(),
                new SweepExperiment.ReportInputs(PAPER, List.of("3", "5"), grid, Optional.empty(), "train"), out);
        assertThat(Files.readString(out.resolve(ReportWriter.SUMMARY_MD))).contains("Problematic regions: 5**",
                "**3 of 18 runs did not finish**");
        // A group that has no run at all is still a mistake.
        assertThatThrownBy(() -> SweepExperiment.sweepAndReport(tasks, store, function, 1, SweepProgress.silent(),
                new SweepExperiment.ReportInputs(PAPER, List.of("33"), grid, Optional.empty(), "train"), out))
                .hasMessageContaining("'33' has no runs");
    }

    @Test
    void aFailedPreTrainingFailsItsFineTuningWithoutRunningIt() throws Exception {
        Path out = dir.resolve("ft-fail");
        RunStore store = new RunStore(out.resolve("runs"));
        SweepPlanner planner = new SweepPlanner(data, store);
        List<RunTask> tasks = planner.finetune(List.of(1L), List.of(Architecture.ANN), List.of("1", "2"), 3, 2, 4,
                "p");
        var inputs = new SweepExperiment.ReportInputs(List.of(Architecture.ANN), List.of(), grid, Optional.empty(),
                "train");
        var function = new FakeRunFunction(OOD, planted, Integer.MAX_VALUE).failing(
                k -> k.group().equals("1") && k.phase() == Phase.PRETRAIN ? new FakeRunFunction.Diverged("loss is NaN")
                        : null);
        List<RunResult> results = SweepExperiment.sweepAndReport(tasks, store, function, 1, SweepProgress.silent(),
                inputs, out);

        assertThat(function.calls.get()).isEqualTo(3);
        assertThat(results).extracting(r -> r.key().id() + " " + r.status()).containsExactly(
                "finetune_g1_s1_ann_pretrain DIVERGED", "finetune_g1_s1_ann_finetune FAILED",
                "finetune_g2_s1_ann_pretrain OK", "finetune_g2_s1_ann_finetune OK");
        assertThat(results.get(1).failure()).isEqualTo("not run: finetune_g1_s1_ann_pretrain before it diverged");
        assertThatThrownBy(() -> RunsFailedException.throwIfAny(results, out.resolve("runs.csv")))
                .isInstanceOf(RunsFailedException.class).hasMessage("2 of 4 runs failed, see " + out.resolve("runs.csv"));
    }

    @Test
    void aConfigurationErrorInARunStillStopsTheSweep() {
        Path out = dir.resolve("config");
        var function = new FakeRunFunction(OOD, planted, Integer.MAX_VALUE).failing(
                k -> new org.specsoc.api.config.ConfigurationException("key 'decoder.type': not bound"));
        assertThatThrownBy(() -> loro(out, function, 1)).isInstanceOf(Sweep.RunFailedException.class)
                .hasMessageContaining("decoder.type");
        assertThat(function.calls.get()).isEqualTo(1);
    }

    @Test
    void aStoredResultReadsBackEqualIncludingNaNAndSpectra() throws IOException {
        RunStore store = new RunStore(dir.resolve("runs"));
        var key = new RunKey("loro", "region 3/α", 5L, Architecture.LINEAR_MIXING, Phase.TRAIN);
        var result = new RunResult(key, new Metrics(0.1, -2.5, 0.01, Double.NaN, 10),
                new Metrics(0.2, 0.5, -0.01, 0.04, 20), new double[] {0.1, 0.25}, Double.NaN, 3.5, "java", "cpu",
                "runs/x.curve.csv");
        store.save(result);

        assertThat(store.resultFile(key).getFileName().toString()).matches("loro_gregion-3---[0-9a-f]+_s5_linear-mixing_train\\.json");
        assertThat(store.find(key)).contains(result);
        assertThat(store.find(key.withPhase(Phase.FINETUNE))).isEmpty();
        Files.writeString(store.resultFile(key), "{ broken");
        assertThatThrownBy(() -> store.find(key)).isInstanceOf(IOException.class)
                .hasMessageContaining(store.resultFile(key).toString());
    }
}
