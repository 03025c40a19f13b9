package org.specsoc.runner.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * Thrown after a sweep has run every run and written its report, when some runs diverged or failed: the command
 * then exits non-zero with this one line, while the results of the other runs are kept and reported.
 */
public final class RunsFailedException extends Exception {
    private final int failed;
    private final int total;

    public RunsFailedException(int failed, int total, Path runsCsv) {
        super(failed + " of " + total + " runs failed, see " + runsCsv);
        this.failed = failed;
        this.total = total;
    }

    /** Throws when any of {@code results} did not succeed. */
    static void throwIfAny(List<RunResult> results, Path runsCsv) throws RunsFailedException {
        int failed = (int) results.stream().filter(r -> !r.succeeded()).count();
        if (failed > 0) {
            throw new RunsFailedException(failed, results.size(), runsCsv);
        }
    }

    public int failed() {
        return failed;
    }

    public int total() {
        return total;
    }
}
