package org.specsoc.runner.experiment;

/**
 * Trains and evaluates one model: the seam between the experiment machinery (planning, sweeping, resuming,
 * reporting) and the trainer. One instance serves a whole sweep and is called from several threads at once
 * (up to {@code experiment.parallelism}), so it must keep no per-run state in fields.
 *
 * <p>Contract for {@link #run}:
 * <ul>
 *   <li>the model is the configured encoder with {@code decoder.type} = {@link Architecture#decoderType()} of
 *       {@code spec.key().architecture()} (and {@code encoder.type=plsr} for {@link Architecture#PLSR});</li>
 *   <li>random state comes from {@code spec.key().seed()} only, so the same spec gives the same result;</li>
 *   <li>the encoder learns from the labels of {@link IndexSets#train()}; the decoder also from the spectra of
 *       {@link IndexSets#unlabelled()}, whose labels must not be used;</li>
 *   <li>with {@link RunSpec#initialModel()} the weights start from that saved model, with a fresh optimiser;</li>
 *   <li>with {@link RunSpec#modelOutput()} the trained model is saved there before returning;</li>
 *   <li>training metrics are computed on {@link IndexSets#trainingEvaluation()}, validation metrics on
 *       {@link IndexSets#validation()}, each with the configured BatchNorm evaluation mode;</li>
 *   <li>the per-epoch curve is written to {@link RunSpec#learningCurve()}.</li>
 * </ul>
 */
@FunctionalInterface
public interface RunFunction {

    RunResult run(RunSpec spec) throws Exception;
}
