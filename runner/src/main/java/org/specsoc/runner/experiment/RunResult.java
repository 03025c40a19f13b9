package org.specsoc.runner.experiment;

import java.util.Arrays;
import java.util.Objects;

/**
 * What one run produced.
 *
 * @param key           which run
 * @param training      metrics on {@link IndexSets#trainingEvaluation()}
 * @param validation    metrics on {@link IndexSets#validation()}
 * @param socSpectrum   the trained f_SOC of the linear-mixing decoder on the data set's grid, or null
 * @param rhoRSoc       the trained (rho*r)_SOC (mg m^-2), NaN without a linear-mixing decoder
 * @param wallSeconds   wall time of the run
 * @param backend       compute backend name
 * @param device        the device it ran on
 * @param learningCurve the per-epoch curve file, relative to the output folder, or null
 */
public record RunResult(RunKey key, Metrics training, Metrics validation, double[] socSpectrum, double rhoRSoc,
                        double wallSeconds, String backend, String device, String learningCurve) {

    public RunResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(validation, "validation");
        socSpectrum = socSpectrum == null ? null : socSpectrum.clone();
    }

    /** The same result under another key (the run function may not know the full key). */
    public RunResult withKey(RunKey other) {
        return new RunResult(other, training, validation, socSpectrum, rhoRSoc, wallSeconds, backend, device,
                learningCurve);
    }

    public RunResult withLearningCurve(String path) {
        return new RunResult(key, training, validation, socSpectrum, rhoRSoc, wallSeconds, backend, device, path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunResult r && key.equals(r.key) && training.equals(r.training)
                && validation.equals(r.validation) && Arrays.equals(socSpectrum, r.socSpectrum)
                && Double.compare(rhoRSoc, r.rhoRSoc) == 0 && Double.compare(wallSeconds, r.wallSeconds) == 0
                && Objects.equals(backend, r.backend) && Objects.equals(device, r.device)
                && Objects.equals(learningCurve, r.learningCurve);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, training, validation, Arrays.hashCode(socSpectrum), rhoRSoc);
    }

    @Override
    public String toString() {
        return "RunResult[" + key.id() + ", training " + training + ", validation " + validation + "]";
    }
}
