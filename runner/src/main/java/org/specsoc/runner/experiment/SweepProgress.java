package org.specsoc.runner.experiment;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one progress display of a sweep, counting runs: a progress bar with ETA on a terminal, a log line per
 * finished run (with its own ETA) otherwise, so that log files stay readable.
 */
public interface SweepProgress extends AutoCloseable {

    /** Called once: how many runs in all, and how many were already done by an earlier invocation. */
    void start(int total, int alreadyDone);

    /** Called after each run finishes (from any worker thread). */
    void finished(RunResult result);

    @Override
    void close();

    /** A bar on a terminal, log lines otherwise. */
    static SweepProgress forCurrentOutput(String name) {
        return System.console() != null ? new Bar(name) : new LogLines(name);
    }

    /** Nothing shown (tests). */
    static SweepProgress silent() {
        return new SweepProgress() {
            @Override
            public void start(int total, int alreadyDone) {
            }

            @Override
            public void finished(RunResult result) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** me.tongfei progressbar; its ETA counts only the runs done by this invocation. */
    final class Bar implements SweepProgress {
        private final String name;
        private ProgressBar bar;

        Bar(String name) {
            this.name = name;
        }

        @Override
        public synchronized void start(int total, int alreadyDone) {
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" runs", 1).startsFrom(alreadyDone, Duration.ZERO).build();
        }

        @Override
        public synchronized void finished(RunResult result) {
            bar.step();
            bar.setExtraMessage(result.key().id());
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** One INFO line per finished run with the runs left and an ETA from this invocation's pace. */
    final class LogLines implements SweepProgress {
        private static final Logger LOG = LoggerFactory.getLogger(SweepProgress.class);
        private final String name;
        private int total;
        private int done;
        private int doneHere;
        private long startNanos;

        LogLines(String name) {
            this.name = name;
        }

        @Override
        public synchronized void start(int total, int alreadyDone) {
            this.total = total;
            this.done = alreadyDone;
            this.startNanos = System.nanoTime();
            LOG.info("{}: {} runs, {} already done, {} to run", name, total, alreadyDone, total - alreadyDone);
        }

        @Override
        public synchronized void finished(RunResult result) {
            done++;
            doneHere++;
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            double eta = elapsed / doneHere * (total - done);
            LOG.info("{}: {}/{} runs done ({}), ETA {}", name, done, total, result.key().id(), clock(eta));
        }

        @Override
        public void close() {
        }

        static String clock(double seconds) {
            long s = Math.round(seconds);
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
    }
}
