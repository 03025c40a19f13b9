package org.specsoc.runner.predict;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.specsoc.api.io.AtomicFileWriter;

/**
 * The CSV that {@code specsoc predict} writes for tabular input, one row per spectrum, streamed (constant
 * memory) into a temporary file next to the target and moved into place by {@link #commit()}.
 *
 * <p>Columns, with a reconstruction decoder: {@code id, soc_fraction, soc_percent, mrmse, ood, soc_lower,
 * soc_upper}. SOC and its interval bounds are mass fractions (percent = fraction x 100); {@code mrmse} is the
 * reconstruction RMSE in reflectance units; {@code ood} is {@code true} when it is above the model's calibrated
 * threshold. For a model without decoder the {@code mrmse} and {@code ood} columns are absent (a column that is
 * always empty would read as "not flagged"); the command logs that there is no flag. A spectrum that could not
 * be predicted (missing values) keeps its id and has every other field empty.
 */
public final class PredictionWriter implements Closeable {
    public static final List<String> COLUMNS =
            List.of("id", "soc_fraction", "soc_percent", "mrmse", "ood", "soc_lower", "soc_upper");
    public static final List<String> COLUMNS_WITHOUT_DECODER =
            List.of("id", "soc_fraction", "soc_percent", "soc_lower", "soc_upper");

    private final Path target;
    private final Path temporary;
    private final CsvWriter csv;
    private final boolean withOod;
    private final DecimalFormat fraction = format("0.0#####");
    private final DecimalFormat percent = format("0.0###");
    private final DecimalFormat error = format("0.0######");
    private long rows;
    private boolean committed;

    private static DecimalFormat format(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /**
     * @param target  the CSV to create (replaced on commit if it exists)
     * @param withOod whether the model has a reconstruction decoder (columns {@code mrmse} and {@code ood})
     */
    public PredictionWriter(Path target, boolean withOod) throws IOException {
        this.target = target;
        this.withOod = withOod;
        this.temporary = AtomicFileWriter.createTemporarySibling(target);
        this.csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(temporary);
        csv.writeRecord(withOod ? COLUMNS : COLUMNS_WITHOUT_DECODER);
    }

    public boolean withOod() {
        return withOod;
    }

    /** One predicted spectrum; {@code mrmse} and {@code ood} are ignored without decoder. */
    public void write(String id, double soc, double mrmse, boolean ood, double lower, double upper)
            throws IOException {
        if (Double.isNaN(soc)) {
            writeUnpredicted(id);
            return;
        }
        var row = csv.writeRecord().writeField(id).writeField(fraction.format(soc))
                .writeField(percent.format(soc * 100));
        if (withOod) {
            row.writeField(error.format(mrmse)).writeField(ood ? "true" : "false");
        }
        row.writeField(fraction.format(lower)).writeField(fraction.format(upper)).endRecord();
        rows++;
    }

    /** A spectrum that could not be predicted: its id and empty fields. */
    public void writeUnpredicted(String id) throws IOException {
        var row = csv.writeRecord().writeField(id);
        for (int i = 1; i < (withOod ? COLUMNS : COLUMNS_WITHOUT_DECODER).size(); i++) {
            row.writeField("");
        }
        row.endRecord();
        rows++;
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    /** Flushes, closes and moves the CSV into place. */
    public void commit() throws IOException {
        csv.close();
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
    }

    /** Without {@link #commit()}: removes the temporary file, leaving any existing target untouched. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            csv.close();
            Files.deleteIfExists(temporary);
        }
    }
}
