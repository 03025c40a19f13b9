package org.specsoc.runner.archive;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.specsoc.runner.config.EffectiveConfiguration;

/**
 * A trained model as it is saved: everything needed to rebuild it, predict with it, and say where it came from.
 * Written by {@link ModelArchiveWriter}, read by {@link ModelArchiveReader}; the file layout is described in
 * {@code package-info}.
 *
 * @param config         the effective configuration of the run, every key with the value used
 * @param provenance     where the model came from
 * @param wavelengths    the wavelength grid (nm) the model expects, strictly increasing
 * @param tensors        parameters and BatchNorm statistics by name, in the order they are stored
 * @param endmemberNames the decoder's endmember names in column order (empty for decoders without endmembers)
 * @param extras         further named JSON documents (e.g. {@value #CALIBRATION}, {@value #PREPROCESSING})
 */
public record ModelArchive(SortedMap<String, String> config, ModelProvenance provenance, double[] wavelengths,
                           Map<String, Tensor> tensors, List<String> endmemberNames, Map<String, JsonNode> extras) {

    /** The extra holding {@code org.specsoc.runner.predict.Calibration#toJsonTree()}. */
    public static final String CALIBRATION = "calibration";
    /** The extra holding the preprocessing steps, see {@link #preprocessingSteps()}. */
    public static final String PREPROCESSING = "preprocessing";

    private static final Pattern EXTRA_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public ModelArchive {
        // EffectiveConfiguration strips values the way every reader of them does, so they survive the round trip.
        config = new EffectiveConfiguration(Objects.requireNonNull(config, "config")).values();
        Objects.requireNonNull(provenance, "provenance");
        wavelengths = Objects.requireNonNull(wavelengths, "wavelengths").clone();
        for (int i = 0; i < wavelengths.length; i++) {
            if (!Double.isFinite(wavelengths[i]) || (i > 0 && wavelengths[i] <= wavelengths[i - 1])) {
                throw new IllegalArgumentException("wavelength grid must be finite and strictly increasing; index "
                        + i + " is " + wavelengths[i]);
            }
        }
        var orderedTensors = new LinkedHashMap<String, Tensor>();
        Objects.requireNonNull(tensors, "tensors").forEach((name, t) -> {
            if (!name.equals(t.name())) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' is stored under the name '" + name
                        + "'");
            }
            orderedTensors.put(name, t);
        });
        tensors = Collections.unmodifiableMap(orderedTensors);
        endmemberNames = List.copyOf(endmemberNames);
        var orderedExtras = new TreeMap<String, JsonNode>();
        Objects.requireNonNull(extras, "extras").forEach((name, node) -> {
            if (!EXTRA_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("extra name '" + name
                        + "' must be lower-case words joined by '-'");
            }
            orderedExtras.put(name, Objects.requireNonNull(node, name).deepCopy());
        });
        extras = Collections.unmodifiableSortedMap(orderedExtras);
    }

    /** An archive with these tensors, in list order. */
    public static ModelArchive of(Map<String, String> config, ModelProvenance provenance, double[] wavelengths,
                                  List<Tensor> tensors, List<String> endmemberNames,
                                  Map<String, JsonNode> extras) {
        var byName = new LinkedHashMap<String, Tensor>();
        for (Tensor t : tensors) {
            if (byName.put(t.name(), t) != null) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' given twice");
            }
        }
        return new ModelArchive(new TreeMap<>(config), provenance, wavelengths, byName, endmemberNames, extras);
    }

    @Override
    public double[] wavelengths() {
        return wavelengths.clone();
    }

    public Optional<Tensor> tensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** The tensor {@code name}; an error naming the tensors there are when it is missing. */
    public Tensor requireTensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the model has no tensor '" + name + "'; it has "
                    + String.join(", ", tensors.keySet()));
        }
        return t;
    }

    public Optional<JsonNode> extra(String name) {
        JsonNode node = extras.get(name);
        return node == null ? Optional.empty() : Optional.of(node.deepCopy());
    }

    /** The same archive with {@code extra} stored under {@code name} (replacing one there). */
    public ModelArchive withExtra(String name, JsonNode extra) {
        var all = new LinkedHashMap<>(extras);
        all.put(name, extra);
        return new ModelArchive(config, provenance, wavelengths, tensors, endmemberNames, all);
    }

    /** The same archive with more tensors after the ones it has; a name already there is an error. */
    public ModelArchive withTensors(List<Tensor> more) {
        var all = new LinkedHashMap<>(tensors);
        for (Tensor t : more) {
            if (all.put(t.name(), t) != null) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' is already in the archive");
            }
        }
        return new ModelArchive(config, provenance, wavelengths, all, endmemberNames, extras);
    }

    /** The same archive without the tensors whose names start with {@code prefix}. */
    public ModelArchive withoutTensors(String prefix) {
        var kept = new LinkedHashMap<String, Tensor>();
        tensors.forEach((n, t) -> {
            if (!n.startsWith(prefix)) {
                kept.put(n, t);
            }
        });
        return new ModelArchive(config, provenance, wavelengths, kept, endmemberNames, extras);
    }

    /**
     * The preprocessing steps in the order they ran, each a map of its settings (e.g.
     * {@code {"name": "savgol", "window": "11", "order": "2"}}); empty when the archive has none.
     */
    public List<Map<String, String>> preprocessingSteps() {
        JsonNode node = extras.get(PREPROCESSING);
        if (node == null) {
            return List.of();
        }
        List<LinkedHashMap<String, String>> steps = ArchiveJson.MAPPER.convertValue(node,
                new TypeReference<List<LinkedHashMap<String, String>>>() { });
        var out = new ArrayList<Map<String, String>>();
        steps.forEach(s -> out.add(Collections.unmodifiableMap(s)));
        return List.copyOf(out);
    }

    /** The JSON form of preprocessing steps, for {@link #withExtra withExtra(PREPROCESSING, ...)}. */
    public static JsonNode preprocessingExtra(List<? extends Map<String, String>> steps) {
        return ArchiveJson.MAPPER.valueToTree(steps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelArchive a && config.equals(a.config) && provenance.equals(a.provenance)
                && Arrays.equals(wavelengths, a.wavelengths) && List.copyOf(tensors.values())
                .equals(List.copyOf(a.tensors.values())) && endmemberNames.equals(a.endmemberNames)
                && extras.equals(a.extras);
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, provenance, Arrays.hashCode(wavelengths), tensors.keySet(), endmemberNames,
                extras);
    }

    @Override
    public String toString() {
        return "ModelArchive[" + tensors.size() + " tensors, " + wavelengths.length + " wavelengths, "
                + endmemberNames.size() + " endmembers, extras " + extras.keySet() + "]";
    }
}
