package org.specsoc.runner.wiring;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.PluginFactory;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.api.plugin.SpectralLibraryReader;
import org.specsoc.runner.config.ConfigSection;

/**
 * Everything the Guice binders hold, sorted by name: the factories of each {@link PluginKind}, the experiment
 * types, the configuration sections (merged by prefix) and the spectral library readers.
 */
@Singleton
public final class InstalledPlugins {
    /** Prefixes that belong to plugins or experiment types; a {@link ConfigSection} may not use them. */
    static final List<String> RESERVED_PREFIXES = List.of("encoder.", "decoder.", "dataset.", "preprocess.",
            "compute.", "experiment.");

    private final Map<PluginKind, SortedMap<String, PluginFactory>> factories = new EnumMap<>(PluginKind.class);
    private final SortedMap<String, ExperimentType> experimentTypes;
    private final SortedMap<String, ConfigSpec> sections;
    private final List<SpectralLibraryReader> libraryReaders;

    @Inject
    public InstalledPlugins(Map<String, EncoderFactory> encoders, Map<String, DecoderFactory> decoders,
                            Map<String, DatasetFactory> datasets, Map<String, PreprocessorFactory> preprocessors,
                            Map<String, ComputeBackendFactory> computeBackends,
                            Map<String, ExperimentType> experimentTypes, Set<ConfigSection> sections,
                            Set<SpectralLibraryReader> libraryReaders) {
        put(PluginKind.ENCODER, encoders);
        put(PluginKind.DECODER, decoders);
        put(PluginKind.DATASET, datasets);
        put(PluginKind.PREPROCESSOR, preprocessors);
        put(PluginKind.COMPUTE_BACKEND, computeBackends);
        this.experimentTypes = Collections.unmodifiableSortedMap(checkedNames("experiment type", experimentTypes));
        this.sections = Collections.unmodifiableSortedMap(merge(sections));
        this.libraryReaders = List.copyOf(libraryReaders);
    }

    private void put(PluginKind kind, Map<String, ? extends PluginFactory> byName) {
        factories.put(kind, Collections.unmodifiableSortedMap(checkedNames(kind.label(), byName)));
    }

    /** A binder key that differs from the factory's own name would make the listing lie; refuse it. */
    private static <F extends PluginFactory> SortedMap<String, F> checkedNames(String label,
                                                                               Map<String, ? extends F> byName) {
        var sorted = new TreeMap<String, F>();
        byName.forEach((key, factory) -> {
            if (!key.equals(factory.name())) {
                throw new IllegalStateException(label + " " + factory.getClass().getName() + " is named '"
                        + factory.name() + "' but bound under '" + key + "'");
            }
            sorted.put(key, factory);
        });
        return sorted;
    }

    private static SortedMap<String, ConfigSpec> merge(Set<ConfigSection> sections) {
        var byPrefix = new LinkedHashMap<String, List<ConfigSpec>>();
        for (ConfigSection section : sections) {
            for (String reserved : RESERVED_PREFIXES) {
                if (section.prefix().startsWith(reserved)) {
                    throw new IllegalStateException("config section '" + section.prefix() + "' uses the prefix '"
                            + reserved + "', which belongs to plugins or experiment types");
                }
            }
            byPrefix.computeIfAbsent(section.prefix(), p -> new ArrayList<>()).add(section.spec());
        }
        var merged = new TreeMap<String, ConfigSpec>();
        byPrefix.forEach((prefix, specs) -> {
            ConfigSpec all = ConfigSpec.empty();
            for (ConfigSpec spec : specs) {
                try {
                    all = all.plus(spec);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("config section '" + prefix + "': " + e.getMessage(), e);
                }
            }
            merged.put(prefix, all);
        });
        // A key of one section must not also be a key under a longer prefix of another ("a." "x.y" vs "a.x." "y").
        var owners = new TreeMap<String, String>();
        merged.forEach((prefix, spec) -> spec.names().forEach(name -> {
            String earlier = owners.put(prefix + name, prefix);
            if (earlier != null) {
                throw new IllegalStateException("key '" + prefix + name + "' is declared by config sections '"
                        + earlier + "' and '" + prefix + "'");
            }
        }));
        return merged;
    }

    /** The factories of {@code kind} by name. */
    public SortedMap<String, PluginFactory> factories(PluginKind kind) {
        return factories.get(kind);
    }

    public SortedMap<String, ComputeBackendFactory> computeBackends() {
        var typed = new TreeMap<String, ComputeBackendFactory>();
        factories.get(PluginKind.COMPUTE_BACKEND).forEach((n, f) -> typed.put(n, (ComputeBackendFactory) f));
        return typed;
    }

    public SortedMap<String, ExperimentType> experimentTypes() {
        return experimentTypes;
    }

    /** Section prefix to the merged keys of every section with that prefix. */
    public SortedMap<String, ConfigSpec> sections() {
        return sections;
    }

    public List<SpectralLibraryReader> libraryReaders() {
        return libraryReaders;
    }
}
