package org.specsoc.runner.experiment;

/**
 * Marks an exception that means "this run's training diverged", so that a sweep records the run as
 * {@link RunStatus#DIVERGED} rather than {@link RunStatus#FAILED} without knowing the trainer's classes.
 */
public interface RunDivergence {
}
