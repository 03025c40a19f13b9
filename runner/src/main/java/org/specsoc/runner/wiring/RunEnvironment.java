package org.specsoc.runner.wiring;

import java.nio.file.Path;
import java.util.List;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.model.TrainingListener;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.PluginContext;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.api.plugin.SpectralLibraryReader;
import org.specsoc.runner.config.EffectiveConfiguration;

/**
 * What an {@link ExperimentType} gets to run with: the validated configuration (sections and selected
 * factories with their bound keys), the effective configuration, where to write, the compute backend (created
 * once by the runner and closed after the experiment) and the listeners.
 */
public final class RunEnvironment {
    private final ResolvedConfiguration configuration;
    private final EffectiveConfiguration effective;
    private final Path outputDirectory;
    private final Path baseDirectory;
    private final ComputeBackend backend;
    private final BackendChoice backendChoice;
    private final List<TrainingListener> listeners;
    private final List<SpectralLibraryReader> libraryReaders;

    public RunEnvironment(ResolvedConfiguration configuration, EffectiveConfiguration effective, Path outputDirectory,
                          Path baseDirectory, ComputeBackend backend, BackendChoice backendChoice,
                          List<TrainingListener> listeners, List<SpectralLibraryReader> libraryReaders) {
        this.configuration = configuration;
        this.effective = effective;
        this.outputDirectory = outputDirectory;
        this.baseDirectory = baseDirectory;
        this.backend = backend;
        this.backendChoice = backendChoice;
        this.listeners = List.copyOf(listeners);
        this.libraryReaders = List.copyOf(libraryReaders);
    }

    public ResolvedConfiguration configuration() {
        return configuration;
    }

    /** Every key with the value used, defaults included, sorted (also written as effective-config.properties). */
    public EffectiveConfiguration effectiveConfiguration() {
        return effective;
    }

    /** The experiment's own keys ({@code experiment.}). */
    public PluginConfig experimentConfig() {
        return configuration.experiment().config();
    }

    /** The keys of a runner section, such as {@code "train."}. */
    public PluginConfig section(String prefix) {
        return configuration.section(prefix);
    }

    /** The selected encoder; a configuration error when {@code encoder.type} is not set. */
    public SelectedPlugin<EncoderFactory> encoder() {
        return ResolvedConfiguration.require(configuration.encoder(), PluginKind.ENCODER);
    }

    public SelectedPlugin<DecoderFactory> decoder() {
        return ResolvedConfiguration.require(configuration.decoder(), PluginKind.DECODER);
    }

    public SelectedPlugin<DatasetFactory> dataset() {
        return ResolvedConfiguration.require(configuration.dataset(), PluginKind.DATASET);
    }

    /** The preprocessing chain, in order; may be empty. */
    public List<SelectedPlugin<PreprocessorFactory>> preprocessors() {
        return configuration.preprocessors();
    }

    /** Absolute folder for this run's results; it exists. */
    public Path outputDirectory() {
        return outputDirectory;
    }

    /** The folder relative paths of the configuration resolve against (the working directory). */
    public Path baseDirectory() {
        return baseDirectory;
    }

    public ComputeBackend backend() {
        return backend;
    }

    /** Which backend runs and why. */
    public BackendChoice backendChoice() {
        return backendChoice;
    }

    public List<TrainingListener> listeners() {
        return listeners;
    }

    /** A context for plugins that draws from {@code random}. */
    public PluginContext pluginContext(RandomStreams random) {
        return new RunnerPluginContext(backend, random, listeners, libraryReaders, baseDirectory, null);
    }

    /**
     * A context on another backend than the experiment's (a run with a backend of its own), offering
     * {@code datasetLibrary} when it is not null.
     */
    public PluginContext pluginContext(ComputeBackend runBackend, RandomStreams random, SpectralLibrary datasetLibrary) {
        return new RunnerPluginContext(runBackend, random, listeners, libraryReaders, baseDirectory, datasetLibrary);
    }

    /**
     * A new instance of the experiment's compute backend, with the same settings: for runs that go in parallel
     * on a backend whose instances are not safe to share between threads. The caller closes it.
     */
    public ComputeBackend newBackend() {
        var chosen = configuration.computeCandidates().get(backendChoice.name());
        if (chosen == null) {
            throw new IllegalStateException("compute backend '" + backendChoice.name() + "' has no bound settings");
        }
        return chosen.factory().create(chosen.config(), new RunnerPluginContext(null,
                new RandomStreams(0).child("compute-backend"), listeners, libraryReaders, baseDirectory, null));
    }

    /** A context that also offers the data source's own endmember library ({@code decoder.endmembers=dataset}). */
    public PluginContext pluginContext(RandomStreams random, SpectralLibrary datasetLibrary) {
        return new RunnerPluginContext(backend, random, listeners, libraryReaders, baseDirectory, datasetLibrary);
    }
}
