package org.specsoc.runner.wiring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.plugin.PluginFactory;
import org.specsoc.api.plugin.SpectralLibraryReader;
import org.specsoc.api.plugin.SpectralPlugin;

/**
 * The factories of every {@link SpectralPlugin} found, by kind and name. Two factories of one kind with one
 * name are an error naming both classes (rather than letting one silently win), and so is a name that is not
 * lower-case and dash separated.
 */
public final class PluginRegistry {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Map<PluginKind, SortedMap<String, PluginFactory>> factories;
    private final List<SpectralLibraryReader> libraryReaders;

    private PluginRegistry(Map<PluginKind, SortedMap<String, PluginFactory>> factories,
                           List<SpectralLibraryReader> libraryReaders) {
        this.factories = factories;
        this.libraryReaders = libraryReaders;
    }

    /** Every plugin registered with {@link ServiceLoader} on {@code classLoader}'s class path. */
    public static PluginRegistry discover(ClassLoader classLoader) {
        var plugins = new ArrayList<SpectralPlugin>();
        try {
            ServiceLoader.load(SpectralPlugin.class, classLoader).forEach(plugins::add);
        } catch (ServiceConfigurationError e) {
            throw new ConfigurationException("a plugin could not be loaded: " + e.getMessage());
        }
        return of(plugins);
    }

    /** The factories of exactly these plugins. */
    public static PluginRegistry of(Collection<? extends SpectralPlugin> plugins) {
        var problems = new ArrayList<String>();
        var byKind = new EnumMap<PluginKind, SortedMap<String, PluginFactory>>(PluginKind.class);
        var readers = new ArrayList<SpectralLibraryReader>();
        for (PluginKind kind : PluginKind.values()) {
            var named = new TreeMap<String, PluginFactory>();
            for (SpectralPlugin plugin : plugins) {
                for (PluginFactory factory : kind.contributions(plugin)) {
                    String name = factory.name();
                    if (name == null || !NAME.matcher(name).matches()) {
                        problems.add(kind.label() + " factory " + factory.getClass().getName() + " has the name '"
                                + name + "'; names are lower-case words separated by dashes, such as 'linear-mixing'");
                        continue;
                    }
                    PluginFactory earlier = named.putIfAbsent(name, factory);
                    if (earlier != null) {
                        problems.add("two " + kind.label() + " factories are named '" + name + "': "
                                + earlier.getClass().getName() + " and " + factory.getClass().getName());
                    }
                }
            }
            byKind.put(kind, Collections.unmodifiableSortedMap(named));
        }
        for (SpectralPlugin plugin : plugins) {
            readers.addAll(plugin.spectralLibraryReaders());
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new PluginRegistry(byKind, List.copyOf(readers));
    }

    /** The factories of {@code kind} by name, sorted. */
    public SortedMap<String, PluginFactory> factories(PluginKind kind) {
        return factories.get(kind);
    }

    /** The factories of {@code kind}, typed. */
    public <F extends PluginFactory> SortedMap<String, F> factories(PluginKind kind, Class<F> type) {
        if (!type.equals(kind.factoryType())) {
            throw new IllegalArgumentException(kind + " factories are " + kind.factoryType().getSimpleName());
        }
        var typed = new TreeMap<String, F>();
        factories.get(kind).forEach((name, f) -> typed.put(name, type.cast(f)));
        return typed;
    }

    public List<SpectralLibraryReader> libraryReaders() {
        return libraryReaders;
    }
}
