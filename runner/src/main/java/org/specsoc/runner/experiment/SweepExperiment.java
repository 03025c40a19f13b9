package org.specsoc.runner.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.config.ConfigKey;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigType;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.runner.report.ExperimentReport;
import org.specsoc.runner.report.ReportPlots;
import org.specsoc.runner.report.ReportWriter;
import org.specsoc.runner.wiring.ExperimentType;
import org.specsoc.runner.wiring.PluginKind;
import org.specsoc.runner.wiring.RunEnvironment;

/**
 * What the sweep experiments share: load the data once and apply {@code preprocess.steps} to it
 * ({@link SweepPreprocessing}), plan the runs, run what is not yet in
 * {@code <output.dir>/runs/}, then write runs.csv, summary.md/json, the plots and provenance.json.
 */
abstract class SweepExperiment implements ExperimentType {
    private static final Logger LOG = LoggerFactory.getLogger(SweepExperiment.class);
    static final String RUNS_FOLDER = "runs";

    private final RunFunctionFactory functions;
    private final GroundTruthLookup truths;

    SweepExperiment(RunFunctionFactory functions, GroundTruthLookup truths) {
        this.functions = functions;
        this.truths = truths;
    }

    /** Keys every sweep has, relative to {@code experiment.}. */
    static ConfigSpec.Builder commonKeys(String defaultSeeds) {
        return ConfigSpec.builder()
                .list("seeds", ConfigType.LONG_LIST, defaultSeeds, "random seeds; every seed runs every architecture")
                .list("architectures", ConfigType.STRING_LIST, "none, ann, linear-mixing",
                        "architectures compared: none, ann, linear-mixing, plsr (each sets decoder.type per run)")
                .integer("parallelism", 1, 1, 256, "runs trained at the same time")
                .string("group-column", "region", "data set column of the regions (strata, held-out groups)")
                .string("pedon-column", "pedon", "data set column of the pedons");
    }

    /** The sweep's runs. */
    abstract List<RunTask> plan(PluginConfig config, SweepPlanner planner, List<Architecture> architectures,
                                RunStore store, Path output);

    /** Problematic groups given explicitly (leave-one-group-out only). */
    List<String> problematicGroups(PluginConfig config) {
        return List.of();
    }

    @Override
    public Set<PluginKind> requiredPlugins() {
        // The decoder of each run comes from experiment.architectures.
        return EnumSet.of(PluginKind.ENCODER, PluginKind.DATASET);
    }

    /**
     * The decoders (and the {@code plsr} encoder) that {@code experiment.architectures} selects run by run, so
     * that the configuration checker accepts and binds each listed architecture's own keys (for example
     * {@code decoder.hidden} of {@code ann} next to {@code decoder.endmembers} of {@code linear-mixing}).
     */
    @Override
    public Map<PluginKind, Set<String>> perRunPlugins(Map<String, String> values) {
        String key = "experiment." + architecturesKey();
        String text = values.get(key);
        if (text == null) {
            text = configSpec().key(architecturesKey()).map(ConfigKey::defaultValue).orElse("");
        }
        List<String> names = java.util.Arrays.stream(text.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        var decoders = new java.util.TreeSet<String>();
        var encoders = new java.util.TreeSet<String>();
        for (Architecture a : Architecture.parseAll(names, key)) {
            decoders.add(a.decoderType());
            a.encoderType().ifPresent(encoders::add);
        }
        return Map.of(PluginKind.DECODER, decoders, PluginKind.ENCODER, encoders);
    }

    /** The experiment key (relative to {@code experiment.}) that lists the architectures. */
    String architecturesKey() {
        return "architectures";
    }

    List<Architecture> architectures(PluginConfig config) {
        return Architecture.parseAll(config.getStringList("architectures"), config.fullKey("architectures"));
    }

    @Override
    public void run(RunEnvironment environment) throws Exception {
        PluginConfig config = environment.experimentConfig();
        List<Architecture> architectures = architectures(config);
        ExperimentData data = load(environment);
        Path output = environment.outputDirectory();
        RunStore store = new RunStore(output.resolve(RUNS_FOLDER));
        PlanData planData = PlanData.of(data.dataset(), config.getString("group-column"),
                config.fullKey("group-column"), config.getString("pedon-column"));
        List<RunTask> tasks = plan(config, new SweepPlanner(planData, store), architectures, store, output);
        int runs = tasks.stream().mapToInt(t -> t.phases().size()).sum();
        LOG.info("Experiment '{}': {} runs planned ({} tasks), parallelism {}", name(), runs, tasks.size(),
                config.getInt("parallelism"));
        RunFunction function = functions.create(environment, data);
        var started = java.time.Instant.now();
        String batchNorm = environment.effectiveConfiguration().values().getOrDefault("eval.batchnorm",
                "the trainer's default (eval.batchnorm not configured)");
        List<RunResult> results = sweepAndReport(tasks, store, function, config.getInt("parallelism"),
                SweepProgress.forCurrentOutput(name()), new ReportInputs(architectures, problematicGroups(config),
                        data.dataset().wavelengths(), data.truth(), batchNorm), output);
        Provenance.write(output, environment, data, name(), runs, started);
        LOG.info("Summary written to {}", output.resolve(ReportWriter.SUMMARY_MD));
        RunsFailedException.throwIfAny(results, output.resolve(ReportWriter.RUNS_CSV));
    }

    /** What the report needs besides the results. */
    record ReportInputs(List<Architecture> architectures, List<String> problematicGroups, double[] wavelengths,
                        Optional<GroundTruth> truth, String batchNormMode) {
    }

    /**
     * Runs what is missing (or failed before), then writes runs.csv, summary.md/json and the plots from the stored
     * results; returns them all, failed runs included.
     */
    static List<RunResult> sweepAndReport(List<RunTask> tasks, RunStore store, RunFunction function, int parallelism,
                                          SweepProgress progress, ReportInputs inputs, Path output) throws Exception {
        List<RunResult> results = new Sweep(store, function, parallelism, progress).run(tasks);
        String experiment = results.isEmpty() ? "" : results.get(0).key().experiment();
        ExperimentReport report = ExperimentReport.build(experiment, results, inputs.architectures(),
                inputs.problematicGroups(), inputs.wavelengths(), inputs.truth(), inputs.batchNormMode());
        List<String> plots = ReportPlots.write(output, report, results);
        ReportWriter.write(output, report, results, plots);
        return results;
    }

    private ExperimentData load(RunEnvironment environment) throws IOException {
        var dataset = environment.dataset();
        SpectralDataSource source = dataset.factory().create(dataset.config(),
                environment.pluginContext(new RandomStreams(0).child("dataset")));
        SpectralDataset loaded = source.load();
        LOG.info("Data: {}", loaded);
        Optional<GroundTruth> truth = truths.find(source, loaded);
        SweepPreprocessing.Prepared prepared = SweepPreprocessing.apply(environment, loaded);
        return new ExperimentData(source, prepared.data(), truth, prepared.steps(), loaded.wavelengths());
    }
}
