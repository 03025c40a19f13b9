package org.specsoc.runner.wiring;

import com.google.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.model.TrainingListener;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.runner.config.ConfigFileLoader;
import org.specsoc.runner.config.EffectiveConfiguration;
import org.specsoc.runner.config.LoadedConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code specsoc run}: loads and checks the configuration (every problem at once), chooses the compute backend,
 * logs the effective configuration and writes it into the output folder, then runs the selected experiment type
 * with the backend, which it closes afterwards.
 */
public final class ExperimentLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentLauncher.class);
    /** Default output folder: {@code runs/<config file name without extension>}. */
    static final String DEFAULT_OUTPUT_ROOT = "runs";
    private static final String OUTPUT_DIR = "output.dir";

    private final InstalledPlugins installed;
    private final ConfigurationResolver resolver;
    private final ComputeBackendSelector selector;
    private final List<TrainingListener> listeners;

    @Inject
    public ExperimentLauncher(InstalledPlugins installed, ConfigurationResolver resolver,
                              ComputeBackendSelector selector, Set<TrainingListener> listeners) {
        this.installed = installed;
        this.resolver = resolver;
        this.selector = selector;
        this.listeners = List.copyOf(listeners);
    }

    /** A configuration checked and ready to run: nothing has been written yet. */
    public record PreparedRun(ResolvedConfiguration configuration, BackendChoice backend,
                              EffectiveConfiguration effective, Path outputDirectory) {

        /** The chosen backend's own keys. */
        public PluginConfig backendConfig() {
            return configuration.computeCandidates().get(backend.name()).config();
        }
    }

    /** Loads, checks and resolves; throws one ConfigurationException listing every problem. */
    public PreparedRun prepare(Path configFile, Map<String, String> overrides, Path baseDirectory) {
        LoadedConfiguration loaded = new ConfigFileLoader().load(configFile, overrides);
        ResolvedConfiguration resolved = resolver.resolve(loaded);
        BackendChoice choice = selector.choose(resolved.computeRequest(), resolved.computeCandidates().entrySet()
                .stream().collect(TreeMap<String, ComputeBackendFactory>::new,
                        (m, e) -> m.put(e.getKey(), e.getValue().factory()), Map::putAll),
                resolved.computeCandidates().entrySet().stream().collect(TreeMap<String, PluginConfig>::new,
                        (m, e) -> m.put(e.getKey(), e.getValue().config()), Map::putAll));
        Path configuredOutput = resolved.section(RunnerModule.OUTPUT_SECTION.prefix()).getPath("dir")
                .orElse(Path.of(DEFAULT_OUTPUT_ROOT, loaded.name()));
        var values = new TreeMap<>(resolved.effective(choice.name()).values());
        values.put(OUTPUT_DIR, configuredOutput.toString());
        var notes = new ArrayList<String>();
        notes.add("config: " + configFile + (loaded.overridden().isEmpty() ? ""
                : " with --set " + String.join(", ", loaded.overridden())));
        notes.add("compute backend: " + choice.reason());
        EffectiveConfiguration effective = new EffectiveConfiguration(values, notes);
        Path output = baseDirectory.resolve(configuredOutput).toAbsolutePath().normalize();
        return new PreparedRun(resolved, choice, effective, output);
    }

    /** Prepares and runs; the experiment's own exceptions pass through. */
    public void run(Path configFile, Map<String, String> overrides, Path baseDirectory) throws Exception {
        PreparedRun prepared = prepare(configFile, overrides, baseDirectory);
        log(prepared);
        Files.createDirectories(prepared.outputDirectory());
        Path written = prepared.effective().writeTo(prepared.outputDirectory());
        LOG.info("Effective configuration written to {}", written);

        var creationContext = new RunnerPluginContext(null, new RandomStreams(0).child("compute-backend"),
                listeners, installed.libraryReaders(), baseDirectory, null);
        ExperimentType experiment = prepared.configuration().experiment().factory();
        try (ComputeBackend backend = prepared.backend().factory().create(prepared.backendConfig(), creationContext)) {
            LOG.info("Compute device: {}", backend.device());
            var environment = new RunEnvironment(prepared.configuration(), prepared.effective(),
                    prepared.outputDirectory(), baseDirectory.toAbsolutePath().normalize(), backend, prepared.backend(),
                    listeners, installed.libraryReaders());
            LOG.info("Running experiment '{}'", experiment.name());
            experiment.run(environment);
        }
        LOG.info("Done; results in {}", prepared.outputDirectory());
    }

    private static void log(PreparedRun prepared) {
        LOG.info("Effective configuration (defaults included):{}", prepared.effective().render());
        LOG.info("Compute backend {}", prepared.backend().reason());
        prepared.backend().skipped().forEach(line -> LOG.info("  not used: {}", line));
    }
}
