package org.specsoc.runner.training.listeners;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.specsoc.api.model.TrainingListener;

/** The standard listener bundle of a training run (after DJL's {@code TrainingListener.Defaults}). */
public final class TrainingListeners {
    private TrainingListeners() {
    }

    /**
     * Metrics log and learning curve, progress, then {@code others} (e.g. the run environment's
     * {@code listeners()}), then the divergence guard last, so that everything else has seen the epoch that
     * diverged before the guard stops the run.
     *
     * @param runDirectory where {@value MetricsLogListener#FILE_NAME} goes
     */
    public static CompositeListener standard(ListenerSettings settings, Path runDirectory,
                                             List<? extends TrainingListener> others) {
        return withCurve(settings, runDirectory.resolve(MetricsLogListener.FILE_NAME), others);
    }

    /** As {@link #standard}, with the learning curve written to {@code learningCurve} (a sweep's run file). */
    public static CompositeListener withCurve(ListenerSettings settings, Path learningCurve,
                                              List<? extends TrainingListener> others) {
        var all = new ArrayList<TrainingListener>();
        all.add(new MetricsLogListener(learningCurve, settings.metricsLogEvery()));
        if (settings.progress() != ProgressMode.OFF) {
            all.add(new ProgressListener(settings.progress(), settings.progressLogPercent()));
        }
        all.addAll(others);
        all.add(new DivergenceGuard(settings.guard()));
        return new CompositeListener(all);
    }
}
