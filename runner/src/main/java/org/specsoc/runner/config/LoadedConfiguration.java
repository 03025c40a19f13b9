package org.specsoc.runner.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The flat key/value text of one configuration file with the command line's overrides applied and in-file
 * references resolved; not yet checked against what the plugins declare.
 *
 * @param file       the file it came from
 * @param values     full key to text value, sorted by key
 * @param overridden the keys given with {@code --set}
 */
public record LoadedConfiguration(Path file, SortedMap<String, String> values, Set<String> overridden) {

    public LoadedConfiguration {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        overridden = Collections.unmodifiableSet(new TreeSet<>(overridden));
    }

    /** A configuration from a map, as if read from {@code file} with no overrides. */
    public static LoadedConfiguration of(Path file, Map<String, String> values) {
        return new LoadedConfiguration(file, new TreeMap<>(values), Set.of());
    }

    /** The file name without its extension: {@code quickstart} for {@code examples/quickstart.properties}. */
    public String name() {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
