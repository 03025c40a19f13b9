package org.specsoc.runner.experiment;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything one call of a {@link RunFunction} needs besides the data set and the configuration.
 *
 * @param key             which run
 * @param rows            which rows train, validate and are evaluated
 * @param epochs          epochs for this phase; empty = {@code train.epochs}
 * @param initialiseFrom  a model saved by an earlier phase to start from (with a fresh optimiser), or null
 * @param saveModelTo     where to save the trained model (an archive usable for prediction), or null
 * @param learningCurve   where to write the per-epoch curve (CSV, header {@code epoch,<metric>,...})
 */
public record RunSpec(RunKey key, IndexSets rows, OptionalInt epochs, Path initialiseFrom, Path saveModelTo,
                      Path learningCurve) {

    public RunSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(learningCurve, "learningCurve");
    }

    public Optional<Path> initialModel() {
        return Optional.ofNullable(initialiseFrom);
    }

    public Optional<Path> modelOutput() {
        return Optional.ofNullable(saveModelTo);
    }
}
