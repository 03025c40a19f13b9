package org.specsoc.datasets.preprocess;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.specsoc.api.data.PreprocessingStep;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.plugin.PreprocessorFactory;

/**
 * A fitted chain of steps: each step is fitted on the training data as transformed by the steps before it,
 * then the whole chain applies to any set. Serialises to JSON ({@code [{"step": name, "state": {...}}]}) for
 * the model archive and restores through the factories' {@link PreprocessorFactory#restore}.
 */
public final class PreprocessingChain {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<PreprocessingStep.Fitted> steps;

    private PreprocessingChain(List<PreprocessingStep.Fitted> steps) {
        this.steps = List.copyOf(steps);
    }

    /** Fits {@code steps} in order on {@code training} (and nothing else). */
    public static PreprocessingChain fit(List<PreprocessingStep> steps, SpectralDataset training) {
        var fitted = new ArrayList<PreprocessingStep.Fitted>();
        SpectralDataset current = training;
        for (PreprocessingStep s : steps) {
            PreprocessingStep.Fitted f = s.fit(current);
            fitted.add(f);
            current = f.apply(current);
        }
        return new PreprocessingChain(fitted);
    }

    public SpectralDataset apply(SpectralDataset data) {
        SpectralDataset current = data;
        for (PreprocessingStep.Fitted f : steps) {
            current = f.apply(current);
        }
        return current;
    }

    public List<PreprocessingStep.Fitted> steps() {
        return steps;
    }

    public String toJson() {
        var list = new ArrayList<Map<String, Object>>();
        for (PreprocessingStep.Fitted f : steps) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("step", f.name());
            entry.put("state", f.state());
            list.add(entry);
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (IOException e) {
            throw new IllegalStateException("preprocessing state is not JSON-serialisable", e);
        }
    }

    /** Restores a chain written by {@link #toJson()}; {@code factories} by name. */
    public static PreprocessingChain fromJson(String json, Map<String, PreprocessorFactory> factories)
            throws IOException {
        List<Map<String, Object>> list = JSON.readValue(json, new TypeReference<>() {
        });
        var fitted = new ArrayList<PreprocessingStep.Fitted>();
        for (Map<String, Object> entry : list) {
            String name = (String) entry.get("step");
            PreprocessorFactory f = factories.get(name);
            if (f == null) {
                throw new IOException("stored preprocessing step '" + name + "' is not installed; installed: "
                        + factories.keySet());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> state = (Map<String, Object>) entry.getOrDefault("state", Map.of());
            fitted.add(f.restore(state));
        }
        return new PreprocessingChain(fitted);
    }
}
