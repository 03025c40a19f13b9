package org.specsoc.runner.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.YAMLConfiguration;
import org.apache.commons.configuration2.interpol.ConfigurationInterpolator;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.specsoc.api.config.ConfigurationException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a configuration file ({@code .properties}, {@code .yaml} or {@code .yml}) with Apache Commons
 * Configuration into flat dotted keys, applies the {@code --set} overrides on top, and resolves in-file
 * references ({@code ${other.key}}). Every problem found (a duplicate key, a refused lookup, a dangling
 * reference) is reported together in one {@link ConfigurationException}.
 *
 * <p>Both formats end up as the same flat key/value text: nested YAML maps become dotted keys, YAML lists
 * become comma-separated text, exactly what the same setting written in a {@code .properties} file gives.
 */
public final class ConfigFileLoader {

    /** Loads {@code file} and applies {@code overrides} (full key to text value; later entries win). */
    public LoadedConfiguration load(Path file, Map<String, String> overrides) {
        Map<String, String> fileValues = readFile(file);
        var problems = new ArrayList<String>();

        // A flat configuration (no key hierarchy, no list splitting) so that keys stay opaque strings and
        // overrides replace file values one to one.
        var config = new BaseConfiguration();
        fileValues.forEach(config::setProperty);
        var overridden = new TreeMap<String, String>();
        overrides.forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                problems.add("--set '" + key + "=" + value + "': the key is empty");
            } else {
                overridden.put(key.trim(), value);
                config.setProperty(key.trim(), value);
            }
        });
        config.setInterpolator(inFileInterpolator(config));

        var values = new TreeMap<String, String>();
        config.getKeys().forEachRemaining(key -> {
            try {
                values.put(key, config.getString(key));
            } catch (InFileLookup.RefusedLookupException e) {
                problems.add("key '" + key + "': the lookup '${" + e.variable() + "}' is refused; values may only"
                        + " refer to other keys of the configuration, as ${other.key}");
            } catch (InFileLookup.UnresolvedReferenceException e) {
                problems.add("key '" + key + "': '${" + e.variable() + "}' refers to a key that is not set");
            } catch (IllegalStateException e) {
                // Commons Text reports reference cycles this way ("Infinite loop in property interpolation").
                problems.add("key '" + key + "': " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new LoadedConfiguration(file, values, overridden.keySet());
    }

    /** Only in-file references: no prefix lookups at all, and the default lookup refuses prefixed names. */
    private static ConfigurationInterpolator inFileInterpolator(BaseConfiguration config) {
        var interpolator = new ConfigurationInterpolator();
        interpolator.addDefaultLookup(new InFileLookup(config));
        return interpolator;
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigurationException("config file '" + file + "' does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new ConfigurationException("config file '" + file + "' is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigurationException("config file '" + file + "' is not readable");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (name.endsWith(".properties")) {
                return readProperties(file, reader);
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return readYaml(file, reader);
            }
        } catch (IOException e) {
            throw new ConfigurationException("config file '" + file + "' cannot be read: " + e.getMessage());
        }
        throw new ConfigurationException("config file '" + file + "' has an unsupported format;"
                + " use .properties, .yaml or .yml");
    }

    /**
     * Uses Commons Configuration's own properties parser (escapes, continuation lines) but not
     * {@code PropertiesConfiguration} itself: that one silently drops an {@code include} key when includes
     * are disabled and turns a repeated key into a list, both of which should be errors here.
     */
    private static Map<String, String> readProperties(Path file, Reader in) throws IOException {
        var values = new LinkedHashMap<String, String>();
        var lines = new LinkedHashMap<String, Integer>();
        var problems = new ArrayList<String>();
        try (var reader = new PropertiesConfiguration.PropertiesReader(in)) {
            while (reader.nextProperty()) {
                String key = reader.getPropertyName();
                int line = reader.getLineNumber();
                Integer first = lines.putIfAbsent(key, line);
                if (first != null) {
                    problems.add("config file '" + file + "', line " + line + ": key '" + key
                            + "' is already set on line " + first);
                }
                values.put(key, reader.getPropertyValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return values;
    }

    private static Map<String, String> readYaml(Path file, Reader reader) {
        var yaml = new YAMLConfiguration();
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            yaml.read(reader, options);
        } catch (org.apache.commons.configuration2.ex.ConfigurationException | RuntimeException e) {
            throw new ConfigurationException(yamlProblem(file, e));
        }
        var values = new LinkedHashMap<String, String>();
        var problems = new ArrayList<String>();
        flatten(file, yaml.getNodeModel().getNodeHandler().getRootNode(), "", values, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return values;
    }

    /** Walks the YAML tree: maps become dotted keys, sibling leaves with one name (a list) become "a,b". */
    private static void flatten(Path file, ImmutableNode node, String path, Map<String, String> out,
                                List<String> problems) {
        var byName = new LinkedHashMap<String, List<ImmutableNode>>();
        for (ImmutableNode child : node.getChildren()) {
            byName.computeIfAbsent(child.getNodeName(), n -> new ArrayList<>()).add(child);
        }
        byName.forEach((name, nodes) -> {
            String key = path.isEmpty() ? name : path + "." + name;
            boolean nested = nodes.stream().anyMatch(n -> !n.getChildren().isEmpty());
            if (nested && nodes.size() > 1) {
                problems.add("config file '" + file + "': key '" + key + "' is a list of maps; only lists of"
                        + " plain values are supported");
            } else if (nested) {
                flatten(file, nodes.get(0), key, out, problems);
            } else {
                var texts = nodes.stream().map(n -> n.getValue() == null ? "" : n.getValue().toString()).toList();
                out.put(key, String.join(",", texts));
            }
        });
    }

    private static String yamlProblem(Path file, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                return "config file '" + file + "', line " + (marked.getProblemMark().getLine() + 1) + ", column "
                        + (marked.getProblemMark().getColumn() + 1) + ": " + marked.getProblem();
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "config file '" + file + "' is not valid YAML: " + firstLine(root.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
