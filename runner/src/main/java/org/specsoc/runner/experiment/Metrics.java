package org.specsoc.runner.experiment;

/**
 * The paper's four metrics on one set of spectra, in the units the authors logged: RMSE and bias as SOC mass
 * fractions (0.01 = 1 % SOC), MRMSE in reflectance units (0.01 = 1 % reflectance); the reports multiply by 100.
 *
 * @param rmse  sqrt(mean((predicted - true)^2))
 * @param r2    1 - SS_res / SS_tot (can be far below 0)
 * @param bias  mean(predicted - true)
 * @param mrmse mean over spectra of the per-spectrum reconstruction RMSE; NaN without a decoder
 * @param count number of spectra
 */
public record Metrics(double rmse, double r2, double bias, double mrmse, int count) {
}
