package org.specsoc.runner.wiring;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.NearestName;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.PluginFactory;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.runner.config.LoadedConfiguration;

/**
 * Checks a loaded configuration against everything installed and binds each part's keys. The selector keys
 * ({@code experiment.type}, {@code encoder.type}, {@code decoder.type}, {@code dataset.type},
 * {@code preprocess.steps}, {@code compute.backend}) pick the factories; then every other key must be declared
 * by exactly one of: a config section, the selected experiment type, a selected plugin. Everything wrong is
 * collected and reported in one {@link ConfigurationException}.
 */
public final class ConfigurationResolver {
    /** The experiment selector; the plugin selectors are {@link PluginKind#selectorKey()}. */
    public static final String EXPERIMENT_TYPE = "experiment.type";
    static final String EXPERIMENT_PREFIX = "experiment.";
    /** The value of {@code compute.backend} that lets the runner choose. */
    public static final String AUTO = "auto";

    private static final List<PluginKind> SINGLE_CHOICE = List.of(PluginKind.ENCODER, PluginKind.DECODER,
            PluginKind.DATASET);

    private final InstalledPlugins installed;

    @Inject
    public ConfigurationResolver(InstalledPlugins installed) {
        this.installed = installed;
    }

    /** Every selector key, for listings and suggestions. */
    public static List<String> selectorKeys() {
        var keys = new ArrayList<String>();
        keys.add(EXPERIMENT_TYPE);
        Arrays.stream(PluginKind.values()).map(PluginKind::selectorKey).forEach(keys::add);
        return keys;
    }

    public ResolvedConfiguration resolve(LoadedConfiguration loaded) {
        return resolve(loaded, true);
    }

    /**
     * Resolves a configuration that may select no experiment (for commands that only load its data set, such
     * as {@code specsoc generate}): every other key is checked as strictly as for a run.
     */
    public ResolvedConfiguration resolveWithoutExperiment(LoadedConfiguration loaded) {
        return resolve(loaded, false);
    }

    private ResolvedConfiguration resolve(LoadedConfiguration loaded, boolean experimentRequired) {
        var problems = new LinkedHashSet<String>();
        var remaining = new TreeMap<>(loaded.values());
        var blockedPrefixes = new ArrayList<String>();
        var selectionText = new TreeMap<String, String>();

        // 1. the selectors
        String experimentName = text(remaining.remove(EXPERIMENT_TYPE));
        ExperimentType experiment = null;
        if (experimentName == null) {
            if (experimentRequired) {
                problems.add("missing required key '" + EXPERIMENT_TYPE + "' (what to run); known: "
                        + known(installed.experimentTypes().keySet(), "experiment types"));
            }
            blockedPrefixes.add(EXPERIMENT_PREFIX);
        } else {
            experiment = installed.experimentTypes().get(experimentName);
            if (experiment == null) {
                problems.add(EXPERIMENT_TYPE + ": unknown experiment type '" + experimentName + "'; known: "
                        + known(installed.experimentTypes().keySet(), "experiment types")
                        + NearestName.suggestion(experimentName, installed.experimentTypes().keySet()));
                blockedPrefixes.add(EXPERIMENT_PREFIX);
            }
        }
        selectionText.put(EXPERIMENT_PREFIX, describe(EXPERIMENT_TYPE, experimentName));
        Set<PluginKind> required = experiment == null ? Set.of() : experiment.requiredPlugins();

        var selected = new EnumMap<PluginKind, PluginFactory>(PluginKind.class);
        for (PluginKind kind : SINGLE_CHOICE) {
            String name = text(remaining.remove(kind.selectorKey()));
            selectionText.put(kind.prefix(), describe(kind.selectorKey(), name));
            if (name == null) {
                if (required.contains(kind)) {
                    problems.add("missing required key '" + kind.selectorKey() + "': experiment '"
                            + experiment.name() + "' needs " + article(kind.label()) + "; known: "
                            + known(installed.factories(kind).keySet(), kind.plural()));
                }
                continue;
            }
            PluginFactory factory = installed.factories(kind).get(name);
            if (factory == null) {
                problems.add(unknownPlugin(kind, name));
                blockedPrefixes.add(kind.prefix());
            } else {
                selected.put(kind, factory);
            }
        }

        // An encoder may rule out decoders (plsr predicts SOC only and needs decoder none).
        if (selected.get(PluginKind.ENCODER) instanceof EncoderFactory encoder
                && selected.containsKey(PluginKind.DECODER)) {
            encoder.decoderProblem(selected.get(PluginKind.DECODER).name()).ifPresent(problems::add);
        }

        // Plugins the experiment selects per run (a sweep's architectures): their keys are checked as if selected.
        var perRun = new EnumMap<PluginKind, Map<String, PluginFactory>>(PluginKind.class);
        if (experiment != null) {
            Map<PluginKind, Set<String>> wanted;
            try {
                wanted = experiment.perRunPlugins(loaded.values());
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
                wanted = Map.of();
            }
            wanted.forEach((kind, names) -> {
                for (String name : new TreeSet<>(names)) {
                    PluginFactory factory = installed.factories(kind).get(name);
                    if (factory == null) {
                        problems.add(EXPERIMENT_PREFIX + " selects " + unknownPlugin(kind, name));
                    } else if (selected.get(kind) != factory) {
                        perRun.computeIfAbsent(kind, k -> new TreeMap<>()).put(name, factory);
                    }
                }
            });
        }

        var steps = new ArrayList<PreprocessorFactory>();
        String stepsText = text(remaining.remove(PluginKind.PREPROCESSOR.selectorKey()));
        var seenSteps = new TreeSet<String>();
        for (String step : stepsText == null ? List.<String>of() : splitList(stepsText)) {
            PluginFactory factory = installed.factories(PluginKind.PREPROCESSOR).get(step);
            if (!seenSteps.add(step)) {
                problems.add(PluginKind.PREPROCESSOR.selectorKey() + ": step '" + step
                        + "' appears twice; each step's keys live under preprocess." + step + ".");
            } else if (factory == null) {
                problems.add(unknownPlugin(PluginKind.PREPROCESSOR, step));
                blockedPrefixes.add(PluginKind.PREPROCESSOR.keyPrefix(step));
            } else {
                steps.add((PreprocessorFactory) factory);
            }
        }
        selectionText.put(PluginKind.PREPROCESSOR.prefix(), describe(PluginKind.PREPROCESSOR.selectorKey(), stepsText));

        String computeRequest = Optional.ofNullable(text(remaining.remove(PluginKind.COMPUTE_BACKEND.selectorKey())))
                .orElse(AUTO);
        var backends = new TreeMap<String, ComputeBackendFactory>();
        if (computeRequest.equals(AUTO)) {
            backends.putAll(installed.computeBackends());
        } else if (installed.computeBackends().containsKey(computeRequest)) {
            backends.put(computeRequest, installed.computeBackends().get(computeRequest));
        } else {
            problems.add(unknownPlugin(PluginKind.COMPUTE_BACKEND, computeRequest));
            blockedPrefixes.add(PluginKind.COMPUTE_BACKEND.prefix());
        }
        selectionText.put(PluginKind.COMPUTE_BACKEND.prefix(),
                describe(PluginKind.COMPUTE_BACKEND.selectorKey(), computeRequest));

        // 2. every place that declares keys in this configuration
        var sectionOwners = new TreeMap<String, KeyOwner>();
        installed.sections().forEach((prefix, spec) -> sectionOwners.put(prefix,
                new KeyOwner("section '" + prefix + "'", prefix, spec, null)));
        KeyOwner experimentOwner = experiment == null ? null : new KeyOwner("experiment type '" + experiment.name()
                + "'", EXPERIMENT_PREFIX, experiment.configSpec(), null);
        var pluginOwners = new EnumMap<PluginKind, KeyOwner>(PluginKind.class);
        selected.forEach((kind, f) -> pluginOwners.put(kind, new KeyOwner(kind.label() + " '" + f.name() + "'",
                kind.keyPrefix(f.name()), f.configSpec(), null)));
        var perRunOwners = new IdentityHashMap<PluginFactory, KeyOwner>();
        perRun.forEach((kind, factories) -> factories.forEach((name, f) -> perRunOwners.put(f, new KeyOwner(
                kind.label() + " '" + name + "' (selected per run by the experiment)", kind.keyPrefix(name),
                f.configSpec(), null))));
        var stepOwners = new ArrayList<KeyOwner>();
        for (PreprocessorFactory step : steps) {
            stepOwners.add(new KeyOwner("preprocessor '" + step.name() + "'",
                    PluginKind.PREPROCESSOR.keyPrefix(step.name()), step.configSpec(), null));
        }
        var backendOwners = new TreeMap<String, KeyOwner>();
        backends.forEach((name, f) -> backendOwners.put(name, new KeyOwner("compute backend '" + name + "'",
                PluginKind.COMPUTE_BACKEND.prefix(), f.configSpec(), name)));

        var owners = new ArrayList<KeyOwner>(sectionOwners.values());
        if (experimentOwner != null) {
            owners.add(experimentOwner);
        }
        owners.addAll(pluginOwners.values());
        owners.addAll(perRunOwners.values());
        owners.addAll(stepOwners);
        owners.addAll(backendOwners.values());

        var declared = new TreeSet<String>();
        for (KeyOwner owner : owners) {
            for (String name : owner.spec().names()) {
                String full = owner.prefix() + name;
                if (selectorKeys().contains(full)) {
                    problems.add(owner.label() + " declares the key '" + full + "', which selects the plugin;"
                            + " rename that key");
                }
                declared.add(full);
            }
        }

        // 3. keys nobody declares
        var candidates = new TreeSet<>(declared);
        candidates.addAll(selectorKeys());
        var active = new EnumMap<PluginKind, PluginFactory>(selected);
        Map<String, String> inactive = inactiveKeys(experiment, active, perRun, steps, backends);
        for (String key : remaining.keySet()) {
            if (declared.contains(key) || blockedPrefixes.stream().anyMatch(key::startsWith)) {
                continue;
            }
            problems.add(unknownKey(key, candidates, inactive, selectionText));
        }

        // 4. bind each owner's own keys
        var bound = new IdentityHashMap<KeyOwner, PluginConfig>();
        for (KeyOwner owner : owners) {
            var own = new TreeMap<String, String>();
            remaining.forEach((key, value) -> {
                if (owner.declares(key)) {
                    own.put(key.substring(owner.prefix().length()), value);
                }
            });
            var ownProblems = new ArrayList<String>();
            owner.spec().bindInto(owner.prefix(), own, ownProblems).ifPresent(c -> bound.put(owner, c));
            problems.addAll(ownProblems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(List.copyOf(problems));
        }

        // 5. assemble
        var sections = new TreeMap<String, PluginConfig>();
        sectionOwners.forEach((prefix, owner) -> sections.put(prefix, bound.get(owner)));
        var plugins = new EnumMap<PluginKind, SelectedPlugin<? extends PluginFactory>>(PluginKind.class);
        selected.forEach((kind, f) -> plugins.put(kind, new SelectedPlugin<>(f, bound.get(pluginOwners.get(kind)))));
        var chain = new ArrayList<SelectedPlugin<PreprocessorFactory>>();
        for (int i = 0; i < steps.size(); i++) {
            chain.add(new SelectedPlugin<>(steps.get(i), bound.get(stepOwners.get(i))));
        }
        var computeCandidates = new TreeMap<String, SelectedPlugin<ComputeBackendFactory>>();
        backends.forEach((name, f) -> computeCandidates.put(name, new SelectedPlugin<>(f,
                bound.get(backendOwners.get(name)))));
        var perRunPlugins = new EnumMap<PluginKind, Map<String, SelectedPlugin<? extends PluginFactory>>>(
                PluginKind.class);
        perRun.forEach((kind, factories) -> factories.forEach((name, f) -> perRunPlugins
                .computeIfAbsent(kind, k -> new TreeMap<>())
                .put(name, new SelectedPlugin<>(f, bound.get(perRunOwners.get(f))))));
        return new ResolvedConfiguration(loaded,
                experiment == null ? null : new SelectedPlugin<>(experiment, bound.get(experimentOwner)), plugins,
                chain, computeRequest, computeCandidates, sections, owners, perRunPlugins);
    }

    /** Keys of installed factories and experiment types that this configuration did not select. */
    private Map<String, String> inactiveKeys(ExperimentType experiment, Map<PluginKind, PluginFactory> selected,
                                             Map<PluginKind, Map<String, PluginFactory>> perRun,
                                             List<PreprocessorFactory> steps,
                                             Map<String, ComputeBackendFactory> backends) {
        var inactive = new TreeMap<String, String>();
        installed.experimentTypes().forEach((name, type) -> {
            if (type != experiment) {
                put(inactive, EXPERIMENT_PREFIX, type.configSpec(), "experiment type '" + name + "'");
            }
        });
        for (PluginKind kind : PluginKind.values()) {
            installed.factories(kind).forEach((name, factory) -> {
                boolean active = selected.get(kind) == factory || steps.contains(factory)
                        || perRun.getOrDefault(kind, Map.of()).get(name) == factory
                        || backends.get(name) == factory;
                if (!active) {
                    put(inactive, kind.keyPrefix(name), factory.configSpec(), kind.label() + " '" + name + "'");
                }
            });
        }
        return inactive;
    }

    private static void put(Map<String, String> into, String prefix, ConfigSpec spec, String label) {
        spec.names().forEach(n -> into.putIfAbsent(prefix + n, label));
    }

    private static String unknownKey(String key, Set<String> candidates, Map<String, String> inactive,
                                     Map<String, String> selectionText) {
        String owner = inactive.get(key);
        if (owner != null) {
            String selection = selectionText.entrySet().stream().filter(e -> key.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse("it is not selected");
            return "key '" + key + "' belongs to " + owner + ", which is not selected (" + selection + ")";
        }
        Optional<String> near = NearestName.of(key, candidates);
        Optional<String> elsewhere = NearestName.of(key, inactive.keySet());
        // A key of a plugin that is not selected only wins when it is strictly closer than an active key.
        if (elsewhere.isPresent() && (near.isEmpty() || distance(key, elsewhere.get()) < distance(key, near.get()))) {
            return "unknown key '" + key + "' (did you mean '" + elsewhere.get() + "', a key of "
                    + inactive.get(elsewhere.get()) + "?)";
        }
        if (near.isPresent()) {
            return "unknown key '" + key + "' (did you mean '" + near.get() + "'?)";
        }
        return "unknown key '" + key + "'; no installed plugin or section declares it (see 'specsoc plugins')";
    }

    private static int distance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }

    private String unknownPlugin(PluginKind kind, String name) {
        var names = new TreeSet<>(installed.factories(kind).keySet());
        if (kind == PluginKind.COMPUTE_BACKEND) {
            names.add(AUTO);
        }
        return kind.selectorKey() + ": unknown " + kind.label() + " '" + name + "'; known: "
                + known(names, kind.plural()) + NearestName.suggestion(name, names)
                + ". Is the plugin's jar on the classpath?";
    }

    private static String known(Set<String> names, String plural) {
        return names.isEmpty() ? "none (no " + plural + " are installed)" : String.join(", ", names);
    }

    private static String describe(String selectorKey, String value) {
        return value == null ? selectorKey + " is not set" : selectorKey + " is '" + value + "'";
    }

    private static String article(String label) {
        return ("aeiou".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> splitList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
