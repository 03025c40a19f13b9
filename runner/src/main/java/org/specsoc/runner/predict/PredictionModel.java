package org.specsoc.runner.predict;

import java.util.Objects;

/**
 * Everything {@code specsoc predict} needs from a model archive: the predictor and the trust calibration made
 * at training time.
 *
 * @param name        the archive, for messages and output descriptions
 * @param predictor   the trained model
 * @param calibration its {@code calibration.json}
 */
public record PredictionModel(String name, SpectraPredictor predictor, Calibration calibration) {

    public PredictionModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(predictor, "predictor");
        Objects.requireNonNull(calibration, "calibration");
        if (predictor.reconstructs() != calibration.hasOodFlag()) {
            throw new IllegalArgumentException(name + ": the model " + (predictor.reconstructs() ? "has" : "has no")
                    + " reconstruction decoder but its calibration " + (calibration.hasOodFlag() ? "has" : "has no")
                    + " OOD threshold");
        }
    }

    /** The same model with the interval at {@code level} and/or the OOD threshold at {@code oodQuantile}. */
    public PredictionModel recalibrated(Double level, Double oodQuantile) {
        Calibration c = calibration;
        if (level != null) {
            c = c.atLevel(level);
        }
        if (oodQuantile != null) {
            if (!c.hasOodFlag()) {
                throw new IllegalArgumentException(name + " has no reconstruction decoder: --ood-quantile does "
                        + "not apply");
            }
            c = c.withOodQuantile(oodQuantile);
        }
        return new PredictionModel(name, predictor, c);
    }
}
