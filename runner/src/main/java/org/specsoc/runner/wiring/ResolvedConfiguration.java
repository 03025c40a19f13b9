package org.specsoc.runner.wiring;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.specsoc.api.config.ConfigKey;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.PluginFactory;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.runner.config.EffectiveConfiguration;
import org.specsoc.runner.config.LoadedConfiguration;

/**
 * A configuration checked against everything installed: the experiment type and plugins it selects, each with
 * its own keys bound and typed, and the runner sections' keys. Every key of the file has exactly one place.
 */
public final class ResolvedConfiguration {
    private final LoadedConfiguration source;
    private final SelectedPlugin<ExperimentType> experiment;
    private final Map<PluginKind, SelectedPlugin<? extends PluginFactory>> selected;
    private final List<SelectedPlugin<PreprocessorFactory>> preprocessors;
    private final String computeRequest;
    private final SortedMap<String, SelectedPlugin<ComputeBackendFactory>> computeCandidates;
    private final SortedMap<String, PluginConfig> sections;
    private final List<KeyOwner> owners;
    private final Map<PluginKind, Map<String, SelectedPlugin<? extends PluginFactory>>> perRun;

    ResolvedConfiguration(LoadedConfiguration source, SelectedPlugin<ExperimentType> experiment,
                          EnumMap<PluginKind, SelectedPlugin<? extends PluginFactory>> selected,
                          List<SelectedPlugin<PreprocessorFactory>> preprocessors, String computeRequest,
                          SortedMap<String, SelectedPlugin<ComputeBackendFactory>> computeCandidates,
                          SortedMap<String, PluginConfig> sections, List<KeyOwner> owners,
                          Map<PluginKind, Map<String, SelectedPlugin<? extends PluginFactory>>> perRun) {
        this.source = source;
        this.experiment = experiment;
        this.selected = Collections.unmodifiableMap(new EnumMap<>(selected));
        this.preprocessors = List.copyOf(preprocessors);
        this.computeRequest = computeRequest;
        this.computeCandidates = Collections.unmodifiableSortedMap(new TreeMap<>(computeCandidates));
        this.sections = Collections.unmodifiableSortedMap(new TreeMap<>(sections));
        this.owners = List.copyOf(owners);
        var copy = new EnumMap<PluginKind, Map<String, SelectedPlugin<? extends PluginFactory>>>(PluginKind.class);
        perRun.forEach((kind, plugins) -> copy.put(kind, Map.copyOf(plugins)));
        this.perRun = Collections.unmodifiableMap(copy);
    }

    /** The file and overrides this was resolved from. */
    public LoadedConfiguration source() {
        return source;
    }

    /**
     * The experiment type ({@code experiment.type}) with its {@code experiment.} keys.
     *
     * @throws IllegalStateException when resolved {@link ConfigurationResolver#resolveWithoutExperiment without}
     *                               one and the file selects none
     */
    public SelectedPlugin<ExperimentType> experiment() {
        if (experiment == null) {
            throw new IllegalStateException("this configuration selects no experiment");
        }
        return experiment;
    }

    public Optional<SelectedPlugin<EncoderFactory>> encoder() {
        return selected(PluginKind.ENCODER, EncoderFactory.class);
    }

    public Optional<SelectedPlugin<DecoderFactory>> decoder() {
        return selected(PluginKind.DECODER, DecoderFactory.class);
    }

    public Optional<SelectedPlugin<DatasetFactory>> dataset() {
        return selected(PluginKind.DATASET, DatasetFactory.class);
    }

    /**
     * The encoder named {@code name}: the selected one or one the experiment selects per run
     * ({@link ExperimentType#perRunPlugins}), with its keys bound.
     */
    public Optional<SelectedPlugin<EncoderFactory>> encoder(String name) {
        return named(PluginKind.ENCODER, name, EncoderFactory.class);
    }

    /** The decoder named {@code name}: the selected one or one the experiment selects per run. */
    public Optional<SelectedPlugin<DecoderFactory>> decoder(String name) {
        return named(PluginKind.DECODER, name, DecoderFactory.class);
    }

    @SuppressWarnings("unchecked")
    private <F extends PluginFactory> Optional<SelectedPlugin<F>> named(PluginKind kind, String name, Class<F> type) {
        Optional<SelectedPlugin<F>> chosen = selected(kind, type).filter(s -> s.name().equals(name));
        if (chosen.isPresent()) {
            return chosen;
        }
        SelectedPlugin<? extends PluginFactory> s = perRun.getOrDefault(kind, Map.of()).get(name);
        if (s == null) {
            return Optional.empty();
        }
        type.cast(s.factory());
        return Optional.of((SelectedPlugin<F>) s);
    }

    @SuppressWarnings("unchecked")
    private <F extends PluginFactory> Optional<SelectedPlugin<F>> selected(PluginKind kind, Class<F> type) {
        SelectedPlugin<? extends PluginFactory> s = selected.get(kind);
        if (s == null) {
            return Optional.empty();
        }
        type.cast(s.factory());
        return Optional.of((SelectedPlugin<F>) s);
    }

    /** The preprocessing chain of {@code preprocess.steps}, in order (possibly empty). */
    public List<SelectedPlugin<PreprocessorFactory>> preprocessors() {
        return preprocessors;
    }

    /** The value of {@code compute.backend}: {@code auto} or a backend name. */
    public String computeRequest() {
        return computeRequest;
    }

    /** The compute backends that may run it (all installed ones under {@code auto}), each with its keys bound. */
    public SortedMap<String, SelectedPlugin<ComputeBackendFactory>> computeCandidates() {
        return computeCandidates;
    }

    /** The keys of the section with {@code prefix} (such as {@code "output."}), defaults applied. */
    public PluginConfig section(String prefix) {
        PluginConfig config = sections.get(prefix);
        if (config == null) {
            throw new IllegalArgumentException("no config section '" + prefix + "' is installed; installed: "
                    + String.join(", ", sections.keySet()));
        }
        return config;
    }

    public SortedMap<String, PluginConfig> sections() {
        return sections;
    }

    /**
     * Every key with the value used, defaults included: the selector keys, the sections, the experiment, the
     * selected plugins and the chosen compute backend, plus any key given for another compute backend.
     */
    public EffectiveConfiguration effective(String chosenBackend) {
        var given = source.values();
        var values = new TreeMap<String, String>();
        values.put("experiment.type", experiment.name());
        selected.forEach((kind, plugin) -> values.put(kind.selectorKey(), plugin.name()));
        values.put(PluginKind.PREPROCESSOR.selectorKey(),
                String.join(",", preprocessors.stream().map(SelectedPlugin::name).toList()));
        values.put(PluginKind.COMPUTE_BACKEND.selectorKey(), computeRequest);
        for (KeyOwner owner : owners) {
            if (owner.backend() != null && !owner.backend().equals(chosenBackend)) {
                continue;
            }
            for (ConfigKey key : owner.spec().keys()) {
                String full = owner.prefix() + key.name();
                String value = given.containsKey(full) ? given.get(full).trim() : key.defaultValue();
                if (value != null) {
                    values.put(full, value);
                }
            }
        }
        given.forEach((k, v) -> values.putIfAbsent(k, v.trim()));
        return new EffectiveConfiguration(values);
    }

    /** The selected plugin of {@code kind}, or a configuration error saying which key selects it. */
    static <F extends PluginFactory> SelectedPlugin<F> require(Optional<SelectedPlugin<F>> plugin, PluginKind kind) {
        return plugin.orElseThrow(() -> new ConfigurationException("no " + kind.label() + " is selected; set "
                + kind.selectorKey()));
    }
}
