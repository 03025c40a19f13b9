package org.specsoc.runner.report;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.specsoc.runner.experiment.GroundTruth;
import org.specsoc.runner.experiment.RunResult;

/**
 * Experiment 2: the f_SOC and (rho*r)_SOC that the linear-mixing runs learned. Spreads are population standard
 * deviations (numpy {@code std}, ddof 0), as the paper's "2.471 ± 0.132" is (reference spec, section 5); the
 * standard error of (rho*r)_SOC is given too.
 *
 * @param runs                   runs with a learned f_SOC
 * @param wavelengths            the grid of f_SOC (nm)
 * @param mean                   per-wavelength mean of f_SOC over runs
 * @param sd                     per-wavelength standard deviation (ddof 0)
 * @param rhoRMean               mean (rho*r)_SOC
 * @param rhoRSd                 its standard deviation (ddof 0)
 * @param rhoRSe                 its standard error (ddof 1)
 * @param truthCorrelation       Pearson correlation of the mean f_SOC with the planted one, if known
 * @param runCorrelations        each run's correlation with the planted f_SOC (empty without truth)
 */
public record SocSpectrumSummary(int runs, double[] wavelengths, double[] mean, double[] sd, double rhoRMean,
                                 double rhoRSd, double rhoRSe, Optional<Double> truthCorrelation,
                                 double[] runCorrelations) {

    /** Empty when no run learned an f_SOC. */
    public static Optional<SocSpectrumSummary> of(List<RunResult> results, double[] wavelengths,
                                                  Optional<GroundTruth> truth) {
        List<RunResult> runs = results.stream().filter(r -> r.socSpectrum() != null).toList();
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        int m = runs.get(0).socSpectrum().length;
        if (wavelengths.length != m) {
            throw new IllegalArgumentException("f_SOC has " + m + " values but the grid " + wavelengths.length);
        }
        double[] mean = new double[m];
        double[] sd = new double[m];
        double[] column = new double[runs.size()];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < runs.size(); i++) {
                column[i] = runs.get(i).socSpectrum()[j];
            }
            mean[j] = Mean.of(column).getAsDouble();
            sd[j] = StandardDeviation.of(column).setBiased(true).getAsDouble();
        }
        double[] rho = runs.stream().mapToDouble(RunResult::rhoRSoc).filter(Double::isFinite).toArray();
        double rhoMean = rho.length == 0 ? Double.NaN : Mean.of(rho).getAsDouble();
        double rhoSd = rho.length == 0 ? Double.NaN : StandardDeviation.of(rho).setBiased(true).getAsDouble();
        double rhoSe = MeanSe.of(rho).se();
        Optional<Double> truthCorrelation = Optional.empty();
        double[] perRun = new double[0];
        if (truth.isPresent()) {
            double[] planted = truth.get().socSpectrum();
            if (planted.length != m) {
                throw new IllegalArgumentException("planted f_SOC has " + planted.length + " values, learned " + m);
            }
            truthCorrelation = Optional.of(correlation(mean, planted));
            perRun = runs.stream().mapToDouble(r -> correlation(r.socSpectrum(), planted)).toArray();
        }
        return Optional.of(new SocSpectrumSummary(runs.size(), wavelengths.clone(), mean, sd, rhoMean, rhoSd, rhoSe,
                truthCorrelation, perRun));
    }

    static double correlation(double[] a, double[] b) {
        return new PearsonsCorrelation().correlation(a, b);
    }

    public double minRunCorrelation() {
        return Arrays.stream(runCorrelations).min().orElse(Double.NaN);
    }
}
