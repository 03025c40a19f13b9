package org.specsoc.runner.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.config.ConfigurationException;

/**
 * Runs the tasks of a plan, up to {@code parallelism} at once, skipping every run whose successful result is
 * already in the store. The final results are always read back from the store, so a sweep resumed after a kill
 * gives exactly the same numbers as one that never stopped.
 *
 * <p>A run that throws (diverges, runs out of data, hits a bad file...) is stored as {@link RunStatus#DIVERGED}
 * or {@link RunStatus#FAILED} with its reason and the sweep goes on with the other runs: one bad
 * hyper-parameter for one architecture must not cost the night's other runs. A later phase of the same task
 * (fine-tuning after a failed pre-training) is stored as failed too. Failed runs are not "finished": running the
 * same sweep again retries them. Only a configuration error or an interrupt stops the sweep (runs in flight
 * finish and are kept), since every other run would hit it too.
 */
public final class Sweep {
    private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);

    private final RunStore store;
    private final RunFunction function;
    private final int parallelism;
    private final SweepProgress progress;
    /** Set by the worker whose run stops the sweep, so that no queued task starts after it. */
    private volatile boolean stopping;

    public Sweep(RunStore store, RunFunction function, int parallelism, SweepProgress progress) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.store = store;
        this.function = function;
        this.parallelism = parallelism;
        this.progress = progress;
    }

    /**
     * Runs what is missing or failed before and returns every run's result in plan order, failed runs included
     * ({@link RunResult#succeeded()} tells them apart).
     */
    public List<RunResult> run(List<RunTask> tasks) throws Exception {
        stopping = false;
        var ids = new HashSet<String>();
        int total = 0;
        int done = 0;
        var pending = new ArrayList<RunTask>();
        for (RunTask task : tasks) {
            boolean complete = true;
            for (int i = 0; i < task.phases().size(); i++) {
                RunSpec spec = task.phases().get(i);
                if (!ids.add(spec.key().id())) {
                    throw new IllegalArgumentException("run " + spec.key().id() + " is planned twice");
                }
                total++;
                if (finished(task, i)) {
                    done++;
                } else {
                    complete = false;
                }
            }
            if (!complete) {
                pending.add(task);
            }
        }
        Files.createDirectories(store.directory());
        try (progress) {
            progress.start(total, done);
            if (!pending.isEmpty()) {
                execute(pending);
            }
        }
        var results = new ArrayList<RunResult>(total);
        for (RunTask task : tasks) {
            for (RunSpec spec : task.phases()) {
                results.add(store.find(spec.key()).orElseThrow(
                        () -> new IllegalStateException("run " + spec.key().id() + " left no result")));
            }
        }
        return results;
    }

    /**
     * Phase {@code i} counts as done when its result is stored and, if a later phase of the task still has to
     * start from its model, that model is there too.
     */
    private boolean finished(RunTask task, int i) throws IOException {
        RunSpec spec = task.phases().get(i);
        if (!store.succeeded(spec.key())) {
            return false;
        }
        for (int later = i + 1; later < task.phases().size(); later++) {
            RunSpec next = task.phases().get(later);
            if (!store.succeeded(next.key()) && next.initialModel().isPresent()
                    && next.initialModel().get().equals(spec.saveModelTo())
                    && !Files.exists(next.initialModel().get())) {
                return false;
            }
        }
        return true;
    }

    private void execute(List<RunTask> pending) throws Exception {
        int threads = Math.min(parallelism, pending.size());
        var counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sweep-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        var completion = new ExecutorCompletionService<Void>(pool);
        var futures = new ArrayList<Future<Void>>();
        try {
            for (RunTask task : pending) {
                futures.add(completion.submit(() -> {
                    runTask(task);
                    return null;
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    completion.take().get();
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(false));
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception ex) {
                        throw ex;
                    }
                    throw e;
                }
            }
        } finally {
            // Runs already started finish and keep their results; the rest were cancelled above.
            pool.shutdown();
            pool.awaitTermination(Long.MAX_VALUE, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private void runTask(RunTask task) throws Exception {
        if (stopping) {
            return;
        }
        RunResult failedEarlier = null;
        for (int i = 0; i < task.phases().size(); i++) {
            if (finished(task, i)) {
                continue;
            }
            RunSpec spec = task.phases().get(i);
            if (failedEarlier != null) {
                // A later phase starts from the earlier one's model, which does not exist.
                record(RunResult.failed(spec.key(), RunStatus.FAILED, "not run: " + failedEarlier.key().id()
                        + " before it " + failedEarlier.status().configName(), 0));
                continue;
            }
            long t0 = System.nanoTime();
            RunResult result;
            try {
                Files.deleteIfExists(spec.learningCurve());
                result = function.run(spec);
                if (result == null) {
                    throw new IllegalStateException("the run function returned null");
                }
            } catch (InterruptedException | ConfigurationException e) {
                stopping = true;
                throw new RunFailedException(spec.key(), e);
            } catch (Error e) {
                stopping = true;
                throw e;
            } catch (Exception e) {
                RunResult failed = RunResult.failed(spec.key(), status(e), reason(e), (System.nanoTime() - t0) / 1e9);
                LOG.warn("run {} {}: {}; the sweep goes on without it", spec.key().id(),
                        failed.status().configName(), failed.failure());
                LOG.debug("run {} failed", spec.key().id(), e);
                record(failed);
                failedEarlier = failed;
                continue;
            }
            String curve = Files.isRegularFile(spec.learningCurve())
                    ? store.directory().getParent().relativize(spec.learningCurve()).toString().replace('\\', '/')
                    : null;
            RunResult keyed = result.withKey(spec.key()).withLearningCurve(curve);
            record(keyed);
            LOG.debug("run {} done: validation {}", spec.key().id(), keyed.validation());
        }
    }

    private void record(RunResult result) throws IOException {
        save(result);
        progress.finished(result);
    }

    /** Diverged when anything in the cause chain says so, failed otherwise. */
    static RunStatus status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RunDivergence) {
                return RunStatus.DIVERGED;
            }
        }
        return RunStatus.FAILED;
    }

    /** One line for runs.csv and the summary: the exception's type and the first line of its message. */
    static String reason(Throwable e) {
        Throwable shown = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RunDivergence) {
                shown = t;
                break;
            }
        }
        String message = shown.getMessage();
        if (message == null || message.isBlank()) {
            return shown.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return shown.getClass().getSimpleName() + ": " + (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    private void save(RunResult result) throws IOException {
        store.save(result);
    }

    /** A run that threw what stops a sweep (a configuration error, an interrupt); names the run. */
    public static final class RunFailedException extends Exception {
        private final RunKey key;

        public RunFailedException(RunKey key, Throwable cause) {
            super("run " + key.id() + " failed: " + cause.getMessage(), cause);
            this.key = key;
        }

        public RunKey key() {
            return key;
        }
    }
}
