package org.specsoc.runner.experiment;

import java.util.Locale;

/** How a run of a sweep ended. Only {@link #OK} runs count as finished; the others are retried on resume. */
public enum RunStatus {
    /** Trained and evaluated. */
    OK,
    /** Stopped because training diverged (the loss or a watched metric became non-finite or exploded). */
    DIVERGED,
    /** Threw anything else. */
    FAILED;

    /** The value of the {@code status} column of runs.csv. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
