package org.specsoc.api.model;

import java.util.Map;

/**
 * Training events (DJL's listener shape). Every method has a default so listeners implement what they need.
 * Epochs count from 1; a resumed run's first {@code onEpochEnd} reports the epoch after its checkpoint. A
 * listener may stop training by throwing from {@code onEpochEnd} (a divergence guard does); the trainer then
 * calls {@link #onTrainingFailed} instead of {@link #onTrainingEnd}.
 */
public interface TrainingListener {

    default void onTrainingBegin(String runId, int epochs) {
    }

    /** After each epoch; {@code metrics} holds the loss and whatever was evaluated this epoch. */
    default void onEpochEnd(String runId, int epoch, int epochs, Map<String, Double> metrics) {
    }

    default void onTrainingEnd(String runId, Map<String, Double> finalMetrics) {
    }

    /** Training stopped with {@code cause} (a listener's exception or the trainer's own); release what is held. */
    default void onTrainingFailed(String runId, Throwable cause) {
    }
}
