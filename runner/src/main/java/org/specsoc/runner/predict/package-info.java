/**
 * {@code specsoc predict}: a trained model applied to new spectra, each prediction with a split-conformal SOC
 * interval and, for models with a reconstruction decoder, the reconstruction error and an out-of-distribution
 * flag (the paper's point: a spectrum the decoder cannot reconstruct is one whose SOC should not be trusted).
 *
 * <p>Flow: {@link org.specsoc.runner.predict.PredictCommand} loads a
 * {@link org.specsoc.runner.predict.PredictionModel} (a {@link org.specsoc.runner.predict.SpectraPredictor}
 * and the archive's {@link org.specsoc.runner.predict.Calibration}); tabular spectra stream through
 * {@link org.specsoc.runner.predict.TablePredictor} into a {@link org.specsoc.runner.predict.PredictionWriter}
 * CSV; ENVI images stream tile by tile through {@link org.specsoc.runner.predict.ImagePredictor} into an ENVI
 * image and {@link org.specsoc.runner.predict.QuickLook} PNGs. Calibration happens at training time:
 * {@link org.specsoc.runner.predict.Calibration#fit} on held-out training spectra
 * ({@link org.specsoc.runner.predict.OodThreshold}, {@link org.specsoc.runner.predict.ConformalInterval}).
 * {@link org.specsoc.runner.predict.OodReport} measures flag rates and interval coverage where the truth is
 * known.
 */
package org.specsoc.runner.predict;
