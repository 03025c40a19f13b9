/**
 * Listeners of a training run: {@link org.specsoc.runner.training.listeners.ProgressListener} (bar or log
 * lines with ETA), {@link org.specsoc.runner.training.listeners.MetricsLogListener} (log and
 * {@code learning-curve.csv}), {@link org.specsoc.runner.training.listeners.DivergenceGuard} (NaN and growth
 * stop), combined by {@link org.specsoc.runner.training.listeners.CompositeListener};
 * {@link org.specsoc.runner.training.listeners.TrainingListeners#standard} builds the usual bundle from the
 * {@code train.} keys of {@link org.specsoc.runner.training.listeners.ListenerSettings}.
 */
package org.specsoc.runner.training.listeners;
