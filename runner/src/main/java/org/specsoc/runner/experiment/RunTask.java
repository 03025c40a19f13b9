package org.specsoc.runner.experiment;

import java.util.List;

/**
 * Runs that must happen in order in one worker (pre-training, then fine-tuning from its model); independent
 * tasks run in parallel.
 */
public record RunTask(List<RunSpec> phases) {

    public RunTask {
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a task needs at least one run");
        }
    }

    public static RunTask of(RunSpec... specs) {
        return new RunTask(List.of(specs));
    }
}
