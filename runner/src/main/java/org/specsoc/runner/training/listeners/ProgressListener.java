package org.specsoc.runner.training.listeners;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.model.TrainingListener;

/**
 * Shows how far training is and when it will end: a progress bar on a terminal, plain log lines every few
 * percent otherwise (a bar's carriage returns make a mess of log files and CI output).
 *
 * <p>The ETA counts only the epochs this process ran, so a resumed run does not look faster than it is.
 */
public final class ProgressListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressListener.class);

    private final ProgressMode mode;
    private final int logPercent;
    private final ProgressBarConsumer consumer;
    private final LongSupplier nanoTime;

    private ProgressBar bar;
    private long beginNanos;
    private volatile int firstEpoch;
    private volatile int lastEpoch;
    private volatile long lastEpochNanos;
    private int epochs;
    private int lastLoggedStep;

    /**
     * @param mode       {@link ProgressMode#AUTO} picks the bar when {@code System.console()} is there
     * @param logPercent percent of the epochs between log lines in {@link ProgressMode#LOG} mode
     */
    public ProgressListener(ProgressMode mode, int logPercent) {
        this(mode.resolve(System.console() != null), logPercent, null, System::nanoTime);
    }

    /** For tests and other front ends: a concrete mode, where the bar goes ({@code null}: the terminal), a clock. */
    ProgressListener(ProgressMode mode, int logPercent, ProgressBarConsumer consumer, LongSupplier nanoTime) {
        if (mode == ProgressMode.AUTO) {
            throw new IllegalArgumentException("resolve AUTO first");
        }
        if (logPercent < 1 || logPercent > 100) {
            throw new IllegalArgumentException("logPercent must be in [1, 100], not " + logPercent);
        }
        this.mode = mode;
        this.logPercent = logPercent;
        this.consumer = consumer;
        this.nanoTime = nanoTime;
    }

    public ProgressMode mode() {
        return mode;
    }

    @Override
    public void onTrainingBegin(String runId, int epochs) {
        this.epochs = epochs;
        beginNanos = nanoTime.getAsLong();
        firstEpoch = 0;
        lastEpoch = 0;
        lastLoggedStep = -1;
        closeBar();
        if (mode == ProgressMode.BAR) {
            var builder = new ProgressBarBuilder().setTaskName("train " + runId).setInitialMax(epochs)
                    .setUnit(" epochs", 1).setUpdateIntervalMillis(500).showSpeed()
                    .setEtaFunction(state -> eta());
            if (consumer != null) {
                builder.setConsumer(consumer);
            }
            bar = builder.build();
        }
    }

    @Override
    public void onEpochEnd(String runId, int epoch, int epochs, Map<String, Double> metrics) {
        if (firstEpoch == 0) {
            firstEpoch = epoch;
        }
        lastEpochNanos = nanoTime.getAsLong();
        lastEpoch = epoch;
        Double loss = metrics.get("loss");
        switch (mode) {
            case BAR -> {
                if (bar != null) {
                    if (loss != null) {
                        bar.setExtraMessage(String.format(java.util.Locale.ROOT, "loss %.4g", loss));
                    }
                    bar.stepTo(epoch);
                }
            }
            case LOG -> logLine(runId, epoch, epochs, loss);
            default -> { }
        }
    }

    private void logLine(String runId, int epoch, int epochs, Double loss) {
        int step = (int) ((long) epoch * 100 / Math.max(1, epochs)) / logPercent;
        boolean first = epoch == firstEpoch;
        if (!first && step <= lastLoggedStep && epoch != epochs) {
            return;
        }
        lastLoggedStep = step;
        Optional<Duration> eta = eta();
        LOG.info("run {}: epoch {}/{} ({}%){}, elapsed {}{}", runId, epoch, epochs, (long) epoch * 100 / epochs,
                loss == null ? "" : String.format(java.util.Locale.ROOT, ", loss %.4g", loss),
                format(Duration.ofNanos(lastEpochNanos - beginNanos)),
                eta.map(d -> ", ETA " + format(d)).orElse(""));
    }

    /** Remaining time at this process's own pace; empty before the first epoch ended. */
    Optional<Duration> eta() {
        int first = firstEpoch;
        int last = lastEpoch;
        if (first == 0) {
            return Optional.empty();
        }
        int done = last - first + 1;
        double perEpoch = (double) (lastEpochNanos - beginNanos) / done;
        return Optional.of(Duration.ofNanos((long) (perEpoch * Math.max(0, epochs - last))));
    }

    @Override
    public void onTrainingEnd(String runId, Map<String, Double> finalMetrics) {
        closeBar();
        if (mode == ProgressMode.LOG) {
            LOG.info("run {}: training finished after {} epochs in {}", runId, lastEpoch,
                    format(Duration.ofNanos(nanoTime.getAsLong() - beginNanos)));
        }
    }

    @Override
    public void onTrainingFailed(String runId, Throwable cause) {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format(java.util.Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
        }
        if (s >= 60) {
            return String.format(java.util.Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
