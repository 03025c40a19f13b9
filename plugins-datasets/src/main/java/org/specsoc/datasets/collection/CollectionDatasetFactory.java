package org.specsoc.datasets.collection;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigType;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.PluginContext;
import org.specsoc.datasets.csv.SpectralQuantity;
import org.specsoc.datasets.preprocess.PreprocessorFactories;

/**
 * {@code dataset.type=collection}: several labelled spectra CSVs (each in the {@code spectra-csv} layout) read as
 * one data set, for leaving one data set out ({@code experiment.group-column=dataset}). Each member is resampled
 * to one grid, its carbon label becomes a SOC mass fraction ({@link CarbonLabel}), and every spectrum is tagged
 * with its member's name.
 */
public final class CollectionDatasetFactory implements DatasetFactory {
    public static final String NAME = "collection";

    private static final ConfigSpec SPEC = ConfigSpec.builder()
            .list("members", ConfigType.STRING_LIST, "", "member CSV files relative to dataset.root, each with"
                    + " sample_id, a carbon label column and nm_<wavelength> columns; a member's name (group value"
                    + " and id prefix) is its file name without .csv")
            .path("root", false, "folder the members are relative to (itself relative to the working directory);"
                    + " absent: the working directory")
            .number("grid.start", 420, 0.0, null, "first wavelength of the common grid, nm")
            .number("grid.end", 2490, 0.0, null, "last wavelength of the common grid, nm")
            .number("grid.step", 10, 1e-3, null, "spacing of the common grid, nm (linear interpolation; a member"
                    + " that does not cover the grid is an error)")
            .string("group-column", "dataset", "group column that holds each spectrum's member name")
            .list("label-columns", ConfigType.STRING_LIST, "", "<member>=<column> for members whose label column is"
                    + " not detected (detected: the one column named " + CarbonLabel.CONVENTION + ")")
            .number("som-to-soc", 1.724, 1.0, null, "organic matter / organic carbon ratio for som_* labels"
                    + " (van Bemmelen factor)")
            .list("absorbance-members", ConfigType.STRING_LIST, "", "members whose spectral values are absorbance"
                    + " log10(1/R), converted to reflectance; the others are reflectance factors (0-1)")
            .bool("dead-pixel-filter", false, "drop spectra with values < 0, > 1 or NaN instead of failing")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "several spectra CSVs on one grid, labels as SOC mass fractions, each spectrum tagged with its file";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public SpectralDataSource create(PluginConfig config, PluginContext context) {
        return new CollectionSource(settings(config, context));
    }

    /** Everything {@link CollectionSource} needs, checked. */
    record Settings(List<CollectionMember> members, double[] grid, String groupColumn, boolean deadPixelFilter,
                    double somToSoc, Map<String, String> keys) {
    }

    static Settings settings(PluginConfig config, PluginContext context) {
        var problems = new ArrayList<String>();
        List<String> listed = config.getStringList("members");
        String membersKey = config.fullKey("members");
        if (listed.isEmpty()) {
            throw new ConfigurationException("key '" + membersKey + "': a collection needs at least one member file");
        }
        Path root = config.getPath("root").map(context::resolve).orElse(context.resolve(Path.of(".")));
        var names = new LinkedHashMap<String, String>();
        for (String m : listed) {
            String name;
            try {
                name = CollectionMember.nameOf(m);
            } catch (InvalidPathException e) {
                problems.add("key '" + membersKey + "': '" + m + "' is not a path");
                continue;
            }
            String before = names.putIfAbsent(name, m);
            if (before != null) {
                problems.add("key '" + membersKey + "': members '" + before + "' and '" + m + "' have the same name '"
                        + name + "'");
            }
        }
        Map<String, String> labelColumns = pairs(config, "label-columns", names, problems);
        var absorbance = new TreeSet<String>();
        for (String a : config.getStringList("absorbance-members")) {
            if (!names.containsKey(a)) {
                problems.add("key '" + config.fullKey("absorbance-members") + "': '" + a + "' is not a member; members"
                        + " are " + names.keySet());
            }
            absorbance.add(a);
        }
        double[] grid = null;
        try {
            grid = PreprocessorFactories.grid(config.getDouble("grid.start"), config.getDouble("grid.end"),
                    config.getDouble("grid.step"));
        } catch (IllegalArgumentException e) {
            problems.add("keys '" + config.fullKey("grid.start") + "', '" + config.fullKey("grid.end") + "', '"
                    + config.fullKey("grid.step") + "': " + e.getMessage());
        }
        String groupColumn = config.getString("group-column").trim();
        if (groupColumn.isEmpty() || groupColumn.equals(SpectralDataset.PEDON)) {
            problems.add("key '" + config.fullKey("group-column") + "': '" + groupColumn + "' cannot hold the member"
                    + " names (the collection's pedon column is '" + SpectralDataset.PEDON + "')");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        var members = new ArrayList<CollectionMember>();
        names.forEach((name, path) -> members.add(new CollectionMember(name, path, root.resolve(path).normalize(),
                Optional.ofNullable(labelColumns.get(name)),
                absorbance.contains(name) ? SpectralQuantity.ABSORBANCE : SpectralQuantity.REFLECTANCE)));
        var keys = Map.of("members", membersKey, "grid", config.fullKey("grid.start") + "/"
                + config.fullKey("grid.end"), "label-columns", config.fullKey("label-columns"));
        return new Settings(members, grid, groupColumn, config.getBoolean("dead-pixel-filter"),
                config.getDouble("som-to-soc"), keys);
    }

    /** {@code <member>=<value>} entries of a list key, each naming a member once. */
    private static Map<String, String> pairs(PluginConfig config, String key, Map<String, String> members,
                                             List<String> problems) {
        var out = new LinkedHashMap<String, String>();
        for (String entry : config.getStringList(key)) {
            int eq = entry.indexOf('=');
            String member = eq < 0 ? "" : entry.substring(0, eq).trim();
            String value = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (member.isEmpty() || value.isEmpty()) {
                problems.add("key '" + config.fullKey(key) + "': '" + entry + "' is not <member>=<column>");
            } else if (!members.containsKey(member)) {
                problems.add("key '" + config.fullKey(key) + "': '" + member + "' is not a member; members are "
                        + members.keySet());
            } else if (out.putIfAbsent(member, value) != null) {
                problems.add("key '" + config.fullKey(key) + "': member '" + member + "' is given twice");
            }
        }
        return out;
    }
}
