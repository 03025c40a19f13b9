package org.specsoc.runner.training.listeners;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.io.AtomicFileWriter;
import org.specsoc.api.model.TrainingListener;

/**
 * Per-epoch metrics to the log (every {@code logEvery} epochs and the last) and to a CSV learning curve, one
 * row per epoch with a column per metric ({@code epoch,loss,train.rmse,...}; empty where an epoch did not
 * evaluate that metric).
 *
 * <p>The file is never left with half a line: a row is appended with a single write of the whole line (which a
 * killed process cannot split), and whenever the columns change (a metric first reported later, such as
 * validation every 10 epochs) or a run resumes, the whole file is rewritten through a temporary file and an
 * atomic rename. A resumed run first drops the rows of the epochs it is about to repeat, so the curve has each
 * epoch once.
 */
public final class MetricsLogListener implements TrainingListener {
    public static final String FILE_NAME = "learning-curve.csv";
    private static final Logger LOG = LoggerFactory.getLogger(MetricsLogListener.class);

    private final Path file;
    private final int logEvery;
    private final List<String> columns = new ArrayList<>();
    private final List<Map<String, String>> rows = new ArrayList<>();
    private boolean started;
    private boolean broken;

    /**
     * @param file     the CSV to write ({@value #FILE_NAME} in the run folder)
     * @param logEvery epochs between log lines (the last epoch is always logged)
     */
    public MetricsLogListener(Path file, int logEvery) {
        if (logEvery < 1) {
            throw new IllegalArgumentException("logEvery must be at least 1, not " + logEvery);
        }
        this.file = file;
        this.logEvery = logEvery;
    }

    public Path file() {
        return file;
    }

    @Override
    public void onTrainingBegin(String runId, int epochs) {
        columns.clear();
        rows.clear();
        started = false;
        broken = false;
        columns.add("epoch");
    }

    @Override
    public void onEpochEnd(String runId, int epoch, int epochs, Map<String, Double> metrics) {
        if (epoch % logEvery == 0 || epoch == epochs) {
            LOG.info("run {}: epoch {}/{}: {}", runId, epoch, epochs, describe(metrics));
        }
        if (broken) {
            return;
        }
        try {
            record(epoch, metrics);
        } catch (IOException | UncheckedIOException e) {
            // A full disk should not cost the run itself; the metrics stay in the log.
            broken = true;
            LOG.error("run {}: {} cannot be written ({}); metrics go to the log only from now on", runId, file,
                    e.getMessage());
        }
    }

    @Override
    public void onTrainingEnd(String runId, Map<String, Double> finalMetrics) {
        if (!finalMetrics.isEmpty()) {
            LOG.info("run {}: final: {}", runId, describe(finalMetrics));
        }
    }

    private void record(int epoch, Map<String, Double> metrics) throws IOException {
        var row = new LinkedHashMap<String, String>();
        row.put("epoch", Integer.toString(epoch));
        metrics.forEach((k, v) -> row.put(k, v == null ? "" : Double.toString(v)));
        boolean rewrite = false;
        if (!started) {
            started = true;
            keepEarlierRows(epoch);
            rewrite = true;
        }
        for (String k : row.keySet()) {
            if (!columns.contains(k)) {
                columns.add(k);
                rewrite = true;
            }
        }
        rows.add(row);
        if (rewrite) {
            AtomicFileWriter.write(file, render(columns, rows));
        } else {
            append(line(columns, row));
        }
    }

    /** Reads the rows of the epochs before {@code epoch} from an existing file (a resumed run). */
    private void keepEarlierRows(int epoch) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n') + 1;
        // Anything after the last newline is a line cut short by a crash of an older writer; drop it.
        text = text.substring(0, end);
        List<CsvRecord> records = new ArrayList<>();
        try (var reader = CsvReader.builder().ofCsvRecord(text)) {
            reader.forEach(records::add);
        }
        if (records.isEmpty() || !records.get(0).getFields().contains("epoch")) {
            LOG.warn("{} exists but is not a learning curve; it is replaced", file);
            return;
        }
        List<String> header = records.get(0).getFields();
        header.forEach(h -> {
            if (!columns.contains(h)) {
                columns.add(h);
            }
        });
        int epochColumn = header.indexOf("epoch");
        int kept = 0;
        for (CsvRecord r : records.subList(1, records.size())) {
            if (r.getFieldCount() != header.size()) {
                continue;
            }
            int e;
            try {
                e = Integer.parseInt(r.getField(epochColumn));
            } catch (NumberFormatException ex) {
                continue;
            }
            if (e < epoch) {
                var row = new LinkedHashMap<String, String>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), r.getField(i));
                }
                rows.add(row);
                kept++;
            }
        }
        if (kept > 0) {
            LOG.info("{}: continuing after epoch {} ({} earlier rows kept)", file, epoch - 1, kept);
        }
    }

    private void append(String line) throws IOException {
        try (var channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    private static String render(List<String> columns, List<Map<String, String>> rows) {
        var out = new StringWriter();
        try (var csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out)) {
            csv.writeRecord(columns);
            for (Map<String, String> row : rows) {
                csv.writeRecord(columns.stream().map(c -> row.getOrDefault(c, "")).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String line(List<String> columns, Map<String, String> row) {
        var out = new StringWriter();
        try (var csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out)) {
            csv.writeRecord(columns.stream().map(c -> row.getOrDefault(c, "")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String describe(Map<String, Double> metrics) {
        return metrics.entrySet().stream()
                .map(e -> e.getKey() + " " + (e.getValue() == null ? "-"
                        : String.format(java.util.Locale.ROOT, "%.6g", e.getValue())))
                .collect(Collectors.joining(", "));
    }
}
