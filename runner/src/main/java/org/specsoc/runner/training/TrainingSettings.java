package org.specsoc.runner.training;

import org.specsoc.api.compute.AdamSettings;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.config.PluginConfig;

/**
 * How a model is trained and evaluated; the defaults ({@link #authors}) are the authors' (reference spec 3-4).
 *
 * @param epochs             epochs to train (in total, counting those of a resumed state)
 * @param batchSize          spectra per step; the last partial batch of an epoch is dropped
 * @param adam               optimiser settings
 * @param sigmaSoc           sigma_SOC of eq. (1), mass fraction
 * @param sigmaAsd           sigma_ASD of eq. (1), reflectance
 * @param evalInterval       evaluate on the training and validation sets every this many epochs (and at the end)
 * @param evalBatchNorm      INFERENCE (running statistics) or BATCH_STATISTICS (the authors' transductive way)
 * @param freeze             part whose parameters are not updated (fine-tuning)
 * @param checkpointInterval hand the state to the checkpoint sink every this many epochs; 0 = never
 */
public record TrainingSettings(int epochs, int batchSize, AdamSettings adam, double sigmaSoc, double sigmaAsd,
                               int evalInterval, BatchNormMode evalBatchNorm, Freeze freeze,
                               int checkpointInterval) {

    public TrainingSettings {
        if (epochs < 0 || batchSize < 2 || evalInterval < 1 || checkpointInterval < 0) {
            throw new IllegalArgumentException("invalid training settings: epochs " + epochs + ", batch " + batchSize
                    + ", eval interval " + evalInterval + ", checkpoint interval " + checkpointInterval);
        }
        if (evalBatchNorm == BatchNormMode.TRAINING) {
            throw new IllegalArgumentException("evaluation cannot use TRAINING BatchNorm mode");
        }
    }

    /** The authors' settings for {@code epochs} epochs. */
    public static TrainingSettings authors(int epochs) {
        return new TrainingSettings(epochs, 300, AdamSettings.authors(), 0.0041, 0.01, 10, BatchNormMode.INFERENCE,
                Freeze.NONE, 0);
    }

    public TrainingSettings withEpochs(int newEpochs) {
        return new TrainingSettings(newEpochs, batchSize, adam, sigmaSoc, sigmaAsd, evalInterval, evalBatchNorm,
                freeze, checkpointInterval);
    }

    public TrainingSettings withBatchSize(int newBatchSize) {
        return new TrainingSettings(epochs, newBatchSize, adam, sigmaSoc, sigmaAsd, evalInterval, evalBatchNorm,
                freeze, checkpointInterval);
    }

    public TrainingSettings withAdam(AdamSettings newAdam) {
        return new TrainingSettings(epochs, batchSize, newAdam, sigmaSoc, sigmaAsd, evalInterval, evalBatchNorm,
                freeze, checkpointInterval);
    }

    public TrainingSettings withFreeze(Freeze newFreeze) {
        return new TrainingSettings(epochs, batchSize, adam, sigmaSoc, sigmaAsd, evalInterval, evalBatchNorm,
                newFreeze, checkpointInterval);
    }

    public TrainingSettings withEvaluation(int newInterval, BatchNormMode newMode) {
        return new TrainingSettings(epochs, batchSize, adam, sigmaSoc, sigmaAsd, newInterval, newMode, freeze,
                checkpointInterval);
    }

    /** Checkpoints every {@code interval} epochs (from {@code train.checkpoint.every}); 0 = none. */
    public TrainingSettings withCheckpointInterval(int interval) {
        return new TrainingSettings(epochs, batchSize, adam, sigmaSoc, sigmaAsd, evalInterval, evalBatchNorm, freeze,
                interval);
    }

    /**
     * From the bound {@code train.}, {@code loss.} and {@code eval.} sections (see {@link TrainingConfig}). No
     * checkpoints: their interval is {@code train.checkpoint.every} of the checkpoint store, see
     * {@link #withCheckpointInterval}.
     */
    public static TrainingSettings from(PluginConfig train, PluginConfig loss, PluginConfig eval) {
        return new TrainingSettings(train.getInt("epochs"), train.getInt("batch-size"),
                new AdamSettings((float) train.getDouble("learning-rate"), (float) train.getDouble("beta1"),
                        (float) train.getDouble("beta2"), (float) train.getDouble("epsilon")),
                loss.getDouble("sigma-soc"), loss.getDouble("sigma-asd"), train.getInt("eval-interval"),
                TrainingConfig.evalMode(eval.getString("batchnorm")), Freeze.parse(train.getString("freeze")), 0);
    }
}
