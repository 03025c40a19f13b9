package org.specsoc.runner.training.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class MetricsLogListenerTest {
    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(MetricsLogListener.class);

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

    private static Map<String, Double> metrics(int epoch) {
        var m = new LinkedHashMap<String, Double>();
        m.put("loss", 1.0 / (epoch + 0.3));
        m.put("train.rmse", 0.01 * epoch + 1e-17);
        if (epoch % 3 == 0) {
            m.put("val.rmse", 0.1 / epoch);
        }
        return m;
    }

    private List<CsvRecord> records(Path file) throws IOException {
        var out = new ArrayList<CsvRecord>();
        try (var reader = CsvReader.builder().ofCsvRecord(file)) {
            reader.forEach(out::add);
        }
        return out;
    }

    @Test
    void everyEpochIsOneCompleteRowEvenWhenAColumnAppearsLater() throws IOException {
        Path file = dir.resolve(MetricsLogListener.FILE_NAME);
        var listener = new MetricsLogListener(file, 1);
        listener.onTrainingBegin("r", 7);
        for (int epoch = 1; epoch <= 7; epoch++) {
            listener.onEpochEnd("r", epoch, 7, metrics(epoch));
            String text = Files.readString(file);
            assertThat(text).endsWith("\n");
            assertThat(text.lines()).hasSize(epoch + 1);
        }
        List<CsvRecord> rows = records(file);
        assertThat(rows.get(0).getFields()).containsExactly("epoch", "loss", "train.rmse", "val.rmse");
        for (int epoch = 1; epoch <= 7; epoch++) {
            CsvRecord r = rows.get(epoch);
            assertThat(r.getFieldCount()).isEqualTo(4);
            assertThat(r.getField(0)).isEqualTo(Integer.toString(epoch));
            assertThat(Double.parseDouble(r.getField(1))).isEqualTo(metrics(epoch).get("loss"));
            assertThat(Double.parseDouble(r.getField(2))).isEqualTo(metrics(epoch).get("train.rmse"));
            assertThat(r.getField(3)).isEqualTo(epoch % 3 == 0 ? Double.toString(0.1 / epoch) : "");
        }
    }

    @Test
    void nonFiniteValuesAreWrittenSoThatNumpyAndJavaReadThem() throws IOException {
        Path file = dir.resolve(MetricsLogListener.FILE_NAME);
        var listener = new MetricsLogListener(file, 1);
        listener.onTrainingBegin("r", 2);
        listener.onEpochEnd("r", 1, 2, Map.of("loss", Double.NaN));
        listener.onEpochEnd("r", 2, 2, Map.of("loss", Double.POSITIVE_INFINITY));
        assertThat(Files.readString(file)).isEqualTo("epoch,loss\n1,NaN\n2,Infinity\n");
    }

    @Test
    void resumedRunReplacesTheEpochsItRepeatsAndDropsACutLine() throws IOException {
        Path file = dir.resolve(MetricsLogListener.FILE_NAME);
        var first = new MetricsLogListener(file, 1);
        first.onTrainingBegin("r", 10);
        for (int epoch = 1; epoch <= 5; epoch++) {
            first.onEpochEnd("r", epoch, 10, metrics(epoch));
        }
        // An older writer that crashed mid-line, after the checkpoint of epoch 3.
        Files.writeString(file, "6,0.1", java.nio.file.StandardOpenOption.APPEND);

        var resumed = new MetricsLogListener(file, 1);
        resumed.onTrainingBegin("r", 10);
        for (int epoch = 4; epoch <= 6; epoch++) {
            resumed.onEpochEnd("r", epoch, 10, Map.of("loss", 100.0 + epoch, "train.rmse", 1.0));
        }
        List<CsvRecord> rows = records(file);
        assertThat(rows.stream().skip(1).map(r -> r.getField(0))).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(rows.get(0).getFields()).containsExactly("epoch", "loss", "train.rmse", "val.rmse");
        assertThat(rows.get(3).getField(3)).isEqualTo(Double.toString(0.1 / 3));
        assertThat(rows.get(4).getField(1)).isEqualTo("104.0");
        assertThat(rows).allSatisfy(r -> assertThat(r.getFieldCount()).isEqualTo(4));
    }

    @Test
    void logsEveryNEpochsAndTheLast() {
        var listener = new MetricsLogListener(dir.resolve(MetricsLogListener.FILE_NAME), 4);
        listener.onTrainingBegin("r", 10);
        for (int epoch = 1; epoch <= 10; epoch++) {
            listener.onEpochEnd("r", epoch, 10, Map.of("loss", 0.5));
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "run r: epoch 4/10: loss 0.500000", "run r: epoch 8/10: loss 0.500000",
                "run r: epoch 10/10: loss 0.500000");
    }

    @Test
    void anUnwritableFileCostsTheCsvNotTheRun() throws IOException {
        Path file = dir.resolve(MetricsLogListener.FILE_NAME);
        Files.createDirectories(file.resolve("in-the-way"));
        var listener = new MetricsLogListener(file, 1);
        listener.onTrainingBegin("r", 3);
        for (int epoch = 1; epoch <= 3; epoch++) {
            listener.onEpochEnd("r", epoch, 3, Map.of("loss", 0.5));
        }
        assertThat(log.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR).hasSize(1)
                .first().extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("run r: " + file + " cannot be written");
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().startsWith("run r: epoch")).hasSize(3);
    }
}
