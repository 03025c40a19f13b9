package org.specsoc.api.model;

import java.util.Map;

/** Training events (DJL's listener shape). Every method has a default so listeners implement what they need. */
public interface TrainingListener {

    default void onTrainingBegin(String runId, int epochs) {
    }

    /** After each epoch; {@code metrics} holds the loss and whatever was evaluated this epoch. */
    default void onEpochEnd(String runId, int epoch, int epochs, Map<String, Double> metrics) {
    }

    default void onTrainingEnd(String runId, Map<String, Double> finalMetrics) {
    }
}
