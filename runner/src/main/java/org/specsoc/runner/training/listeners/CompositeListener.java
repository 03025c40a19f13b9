package org.specsoc.runner.training.listeners;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.specsoc.api.model.TrainingListener;

/**
 * Hands every event to each of its listeners in order. A listener that throws does not keep the event from the
 * others (so the metrics of the epoch that diverged are still logged and written); the first exception is
 * rethrown afterwards with later ones attached as suppressed.
 */
public final class CompositeListener implements TrainingListener {
    private final List<TrainingListener> listeners;

    public CompositeListener(List<? extends TrainingListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public static CompositeListener of(TrainingListener... listeners) {
        return new CompositeListener(List.of(listeners));
    }

    public List<TrainingListener> listeners() {
        return listeners;
    }

    @Override
    public void onTrainingBegin(String runId, int epochs) {
        each(l -> l.onTrainingBegin(runId, epochs));
    }

    @Override
    public void onEpochEnd(String runId, int epoch, int epochs, Map<String, Double> metrics) {
        Map<String, Double> shared = frozen(metrics);
        each(l -> l.onEpochEnd(runId, epoch, epochs, shared));
    }

    @Override
    public void onTrainingEnd(String runId, Map<String, Double> finalMetrics) {
        Map<String, Double> shared = frozen(finalMetrics);
        each(l -> l.onTrainingEnd(runId, shared));
    }

    @Override
    public void onTrainingFailed(String runId, Throwable cause) {
        each(l -> l.onTrainingFailed(runId, cause));
    }

    /** One read-only copy for all, in the trainer's order (which becomes the column order of the CSV). */
    private static Map<String, Double> frozen(Map<String, Double> metrics) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    private void each(Consumer<TrainingListener> event) {
        RuntimeException first = null;
        for (TrainingListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
