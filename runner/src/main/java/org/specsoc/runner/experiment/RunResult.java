package org.specsoc.runner.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Objects;

/**
 * What one run produced, or why it produced nothing.
 *
 * @param key           which run
 * @param training      metrics on {@link IndexSets#trainingEvaluation()} (NaN, count 0, for a failed run)
 * @param validation    metrics on {@link IndexSets#validation()} (NaN, count 0, for a failed run)
 * @param socSpectrum   the trained f_SOC of the linear-mixing decoder on the data set's grid, or null
 * @param rhoRSoc       the trained (rho*r)_SOC (mg m^-2), NaN without a linear-mixing decoder
 * @param wallSeconds   wall time of the run
 * @param backend       compute backend name
 * @param device        the device it ran on
 * @param learningCurve the per-epoch curve file, relative to the output folder, or null
 * @param status        how the run ended; null (a result stored before runs could fail) reads as {@link RunStatus#OK}
 * @param failure       why it did not end {@link RunStatus#OK} (one line), or null
 */
public record RunResult(RunKey key, Metrics training, Metrics validation, double[] socSpectrum, double rhoRSoc,
                        double wallSeconds, String backend, String device, String learningCurve, RunStatus status,
                        String failure) {

    private static final Metrics NONE = new Metrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

    @JsonCreator
    public RunResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(validation, "validation");
        socSpectrum = socSpectrum == null ? null : socSpectrum.clone();
        status = status == null ? RunStatus.OK : status;
        if (status != RunStatus.OK && (failure == null || failure.isBlank())) {
            throw new IllegalArgumentException("run " + key.id() + " is " + status.configName() + " without a reason");
        }
    }

    /** A finished run. */
    public RunResult(RunKey key, Metrics training, Metrics validation, double[] socSpectrum, double rhoRSoc,
                     double wallSeconds, String backend, String device, String learningCurve) {
        this(key, training, validation, socSpectrum, rhoRSoc, wallSeconds, backend, device, learningCurve,
                RunStatus.OK, null);
    }

    /** A run that diverged or failed: no metrics, only why. */
    public static RunResult failed(RunKey key, RunStatus status, String reason, double wallSeconds) {
        if (status == RunStatus.OK) {
            throw new IllegalArgumentException("a failed run needs a failure status");
        }
        return new RunResult(key, NONE, NONE, null, Double.NaN, wallSeconds, null, null, null, status, reason);
    }

    /** Whether the run trained and was evaluated; only such runs enter the tables, and only they are skipped on resume. */
    public boolean succeeded() {
        return status == RunStatus.OK;
    }

    /** The same result under another key (the run function may not know the full key). */
    public RunResult withKey(RunKey other) {
        return new RunResult(other, training, validation, socSpectrum, rhoRSoc, wallSeconds, backend, device,
                learningCurve, status, failure);
    }

    public RunResult withLearningCurve(String path) {
        return new RunResult(key, training, validation, socSpectrum, rhoRSoc, wallSeconds, backend, device, path,
                status, failure);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunResult r && key.equals(r.key) && training.equals(r.training)
                && validation.equals(r.validation) && Arrays.equals(socSpectrum, r.socSpectrum)
                && Double.compare(rhoRSoc, r.rhoRSoc) == 0 && Double.compare(wallSeconds, r.wallSeconds) == 0
                && Objects.equals(backend, r.backend) && Objects.equals(device, r.device)
                && Objects.equals(learningCurve, r.learningCurve) && status == r.status
                && Objects.equals(failure, r.failure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, training, validation, Arrays.hashCode(socSpectrum), rhoRSoc, status);
    }

    @Override
    public String toString() {
        return succeeded() ? "RunResult[" + key.id() + ", training " + training + ", validation " + validation + "]"
                : "RunResult[" + key.id() + ", " + status.configName() + ": " + failure + "]";
    }
}
