package org.specsoc.runner.training;

import org.specsoc.api.compute.BatchNormMode;

/**
 * The outcome of {@link Trainer#train}: metrics after the last epoch.
 *
 * @param training      metrics on the training set
 * @param validation    metrics on the validation set, or null when none was given
 * @param epochs        completed epochs
 * @param finalLoss     mean step loss of the last epoch (NaN when no epoch ran in this call)
 * @param evalBatchNorm which BatchNorm statistics the metrics used (reports must say)
 * @param seconds       wall time of this call
 */
public record TrainingResult(Metrics training, Metrics validation, int epochs, double finalLoss,
                             BatchNormMode evalBatchNorm, double seconds) {
}
