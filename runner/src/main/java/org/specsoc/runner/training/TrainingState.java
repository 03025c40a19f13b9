package org.specsoc.runner.training;

/**
 * Everything needed to continue training bit-identically: completed epochs, the Adam step counter, the flat
 * parameters, the BatchNorm running statistics (state) and Adam's moment estimates. What a checkpoint stores.
 */
public record TrainingState(int epoch, int adamStep, float[] parameters, float[] state, float[] adamM,
                            float[] adamV) {

    public TrainingState {
        if (adamM.length != parameters.length || adamV.length != parameters.length) {
            throw new IllegalArgumentException("Adam moments have " + adamM.length + "/" + adamV.length
                    + " values for " + parameters.length + " parameters");
        }
    }
}
