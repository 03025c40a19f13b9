package org.specsoc.runner.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.specsoc.api.data.PreprocessingStep;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.plugin.PreprocessorFactory;

/**
 * The fitted preprocessing chain as a model archive stores it: one map per step, in order, with the factory name
 * under {@value #NAME} and the step's {@link PreprocessingStep.Fitted#state()} as text (the factories' restore
 * reads numbers from text). List-valued state is not representable this way; no installed step has any.
 */
public final class StoredPreprocessing {
    /** The key holding the step's factory name ("step" would clash with the resample step's own key). */
    public static final String NAME = "name";
    /**
     * Steps that drop spectra. Prediction must answer every input row, so they are not applied at prediction
     * time: an unusable spectrum is skipped by the predictor (non-finite values) or shows up through the
     * reconstruction-error flag.
     */
    static final List<String> ROW_FILTERS = List.of("dead-pixel");

    private final List<PreprocessingStep.Fitted> steps;

    private StoredPreprocessing(List<PreprocessingStep.Fitted> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The form {@link ModelCodec#save} takes. */
    public static List<Map<String, String>> describe(List<PreprocessingStep.Fitted> steps) {
        var out = new ArrayList<Map<String, String>>();
        for (PreprocessingStep.Fitted f : steps) {
            var m = new LinkedHashMap<String, String>();
            m.put(NAME, f.name());
            f.state().forEach((k, v) -> {
                if (k.equals(NAME)) {
                    throw new IllegalArgumentException("preprocessing step '" + f.name() + "' has a state key '"
                            + NAME + "', which the archive reserves");
                }
                if (v instanceof Iterable<?> || (v != null && v.getClass().isArray())) {
                    throw new IllegalArgumentException("preprocessing step '" + f.name() + "' has list state '" + k
                            + "', which the archive cannot store yet");
                }
                m.put(k, String.valueOf(v));
            });
            out.add(m);
        }
        return out;
    }

    /** The fitted steps of a training run, as prediction applies them (row filters left out, see above). */
    public static StoredPreprocessing of(List<PreprocessingStep.Fitted> fitted) {
        return new StoredPreprocessing(fitted.stream().filter(f -> !ROW_FILTERS.contains(f.name())).toList());
    }

    /** Restores stored steps through their factories; an unknown step is an error naming the installed ones. */
    public static StoredPreprocessing restore(List<Map<String, String>> stored,
                                              Map<String, ? extends PreprocessorFactory> factories) {
        var steps = new ArrayList<PreprocessingStep.Fitted>();
        for (Map<String, String> s : stored) {
            String name = s.get(NAME);
            if (name == null) {
                throw new IllegalArgumentException("a stored preprocessing step has no '" + NAME + "': " + s);
            }
            if (ROW_FILTERS.contains(name)) {
                continue;
            }
            PreprocessorFactory f = factories.get(name);
            if (f == null) {
                throw new IllegalArgumentException("stored preprocessing step '" + name + "' is not installed"
                        + " (installed: " + String.join(", ", factories.keySet()) + ")");
            }
            var state = new LinkedHashMap<String, Object>(s);
            state.remove(NAME);
            steps.add(f.restore(state));
        }
        return new StoredPreprocessing(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public List<PreprocessingStep.Fitted> steps() {
        return steps;
    }

    /** Applies every step in order; a step that changes the number of spectra is an error. */
    public SpectralDataset apply(SpectralDataset data) {
        SpectralDataset current = data;
        for (PreprocessingStep.Fitted f : steps) {
            SpectralDataset next = f.apply(current);
            if (next.rows() != current.rows()) {
                throw new IllegalStateException("preprocessing step '" + f.name() + "' turned " + current.rows()
                        + " spectra into " + next.rows() + "; prediction needs one answer per spectrum");
            }
            current = next;
        }
        return current;
    }
}
