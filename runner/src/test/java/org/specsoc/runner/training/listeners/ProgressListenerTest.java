package org.specsoc.runner.training.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProgressListenerTest {
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ProgressListener.class);
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @BeforeEach
    void captureLog() {
        log.start();
        // The test configuration logs warnings only; these tests read the INFO lines, without printing them.
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
        logger.setLevel(null);
        logger.setAdditive(true);
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void run(ProgressListener listener, int from, int epochs, long secondsPerEpoch) {
        listener.onTrainingBegin("r", epochs);
        for (int epoch = from; epoch <= epochs; epoch++) {
            clock.addAndGet(secondsPerEpoch * 1_000_000_000L);
            listener.onEpochEnd("r", epoch, epochs, Map.of("loss", 1.0 / epoch));
        }
        listener.onTrainingEnd("r", Map.of());
    }

    @Test
    void logModeWritesALineEveryFewPercentWithEta() {
        var listener = new ProgressListener(ProgressMode.LOG, 10, null, clock::get);
        run(listener, 1, 100, 1);
        List<String> lines = messages();
        assertThat(lines).hasSize(12);
        assertThat(lines.get(0)).isEqualTo("run r: epoch 1/100 (1%), loss 1.000, elapsed 1s, ETA 1m 39s");
        assertThat(lines.get(5)).isEqualTo("run r: epoch 50/100 (50%), loss 0.02000, elapsed 50s, ETA 50s");
        assertThat(lines.get(10)).isEqualTo("run r: epoch 100/100 (100%), loss 0.01000, elapsed 1m 40s, ETA 0s");
        assertThat(lines.get(11)).isEqualTo("run r: training finished after 100 epochs in 1m 40s");
    }

    @Test
    void etaOfAResumedRunCountsOnlyItsOwnEpochs() {
        var listener = new ProgressListener(ProgressMode.LOG, 50, null, clock::get);
        listener.onTrainingBegin("r", 1000);
        assertThat(listener.eta()).isEmpty();
        for (int epoch = 901; epoch <= 910; epoch++) {
            clock.addAndGet(120_000_000_000L);
            listener.onEpochEnd("r", epoch, 1000, Map.of());
        }
        assertThat(listener.eta()).contains(Duration.ofMinutes(2 * 90));
        assertThat(messages()).containsExactly("run r: epoch 901/1000 (90%), elapsed 2m 00s, ETA 3h 18m");
    }

    @Test
    void barModeDrawsABarThatEndsFull() {
        List<String> drawn = new CopyOnWriteArrayList<>();
        var listener = new ProgressListener(ProgressMode.BAR, 5, new DelegatingProgressBarConsumer(drawn::add, 100),
                clock::get);
        run(listener, 1, 20, 3);
        assertThat(drawn).isNotEmpty();
        String last = drawn.get(drawn.size() - 1);
        assertThat(last).contains("train r").contains("100%").contains("20/20").contains("loss 0.05000");
        assertThat(messages()).isEmpty();
    }

    @Test
    void offModeIsSilentAndAutoFollowsTheTerminal() {
        run(new ProgressListener(ProgressMode.OFF, 5, null, clock::get), 1, 10, 1);
        assertThat(messages()).isEmpty();
        assertThat(ProgressMode.AUTO.resolve(true)).isEqualTo(ProgressMode.BAR);
        assertThat(ProgressMode.AUTO.resolve(false)).isEqualTo(ProgressMode.LOG);
        assertThat(ProgressMode.LOG.resolve(true)).isEqualTo(ProgressMode.LOG);
        assertThat(ProgressMode.fromKey("bar")).isEqualTo(ProgressMode.BAR);
    }

    @Test
    void durationsReadNaturally() {
        assertThat(ProgressListener.format(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(ProgressListener.format(Duration.ofSeconds(61))).isEqualTo("1m 01s");
        assertThat(ProgressListener.format(Duration.ofSeconds(7322))).isEqualTo("2h 02m");
    }
}
