package org.specsoc.datasets.csv;

import com.carrotsearch.hppc.BitMixer;
import com.carrotsearch.hppc.LongLongHashMap;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a wide spectra CSV a batch at a time, so memory stays O(batch) however long the file is: FastCSV
 * hands over one record at a time and its spectral fields are parsed straight into float32 (no boxing, no
 * per-cell strings). Same layout, validation and messages as {@link SpectraCsvReader} (ragged rows, non-numeric
 * values and labels, empty ids, duplicate ids, absorbance to reflectance, the dead-pixel rule); the first error
 * in file order wins.
 *
 * <p>Duplicate ids are found without holding the ids: each id's 64-bit fingerprint maps to the line it was first
 * seen on (about 30 bytes per spectrum, against some 17 kB of text per spectrum of a full-range file). Two
 * different ids share a fingerprint with a probability of about n^2 / 2^65 (3e-8 for a million spectra), which
 * would be reported as a duplicate.
 */
public final class SpectraCsvStream implements AutoCloseable {

    /**
     * One batch of rows.
     *
     * @param ids     one per spectrum
     * @param spectra {@code rows x wavelengths}, row-major, reflectance
     * @param labels  label as a mass fraction, NaN when unlabelled
     * @param lines   1-based line of each row in the file
     */
    public record Rows(String[] ids, float[] spectra, float[] labels, long[] lines) {
        public int rows() {
            return ids.length;
        }
    }

    private final Path file;
    private final CsvLayout layout;
    private final CsvReader<Boolean> reader;
    private final Iterator<Boolean> records;
    private final RowHandler handler;
    private final String idColumn;
    private long dataRows;
    private long dropped;
    private int peakRowsHeld;
    /** Fingerprint of each id read so far to the line it was first on. */
    private final LongLongHashMap firstLineOfId = new LongLongHashMap();

    private SpectraCsvStream(Path file, CsvLayout layout, String idColumn, List<String> wanted) throws IOException {
        this.file = file;
        this.layout = layout;
        this.idColumn = idColumn;
        this.handler = new RowHandler(wanted);
        this.reader = CsvReader.builder().ignoreDifferentFieldCount(true).skipEmptyLines(true)
                .build(handler, Files.newBufferedReader(file, StandardCharsets.UTF_8));
        this.records = reader.iterator();
        // The header is the first record: read it now so that wavelengths() is known and header errors come early.
        if (!advance()) {
            throw new DataFormatException(file, "the file is empty (no header row)");
        }
        if (handler.columns == null) {
            throw new DataFormatException(file, "the file is empty (no header row)");
        }
    }

    /** Opens {@code file}; header problems (missing columns, no spectral columns) are reported here. */
    public static SpectraCsvStream open(Path file, CsvLayout layout) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such data file");
        }
        if (Files.size(file) == 0) {
            throw new DataFormatException(file, "the file is empty (no header row)");
        }
        List<String> header = WideCsvReader.header(file);
        String idColumn = layout.idColumn().orElse(header.contains(SpectraCsvReader.DEFAULT_ID)
                ? SpectraCsvReader.DEFAULT_ID : null);
        var wanted = new ArrayList<String>();
        SpectraCsvReader.requireColumn(file, header, idColumn, "id", wanted);
        SpectraCsvReader.requireColumn(file, header, layout.labelColumn().orElse(null), "label", wanted);
        return new SpectraCsvStream(file, layout, idColumn, wanted);
    }

    public Path file() {
        return file;
    }

    /** nm, strictly increasing. */
    public double[] wavelengths() {
        return handler.columns.wavelengths().clone();
    }

    /** Data rows read so far (including rows the dead-pixel filter dropped). */
    public long rowsRead() {
        return dataRows;
    }

    /** Rows the dead-pixel filter dropped so far. */
    public long dropped() {
        return dropped;
    }

    /** The most rows this stream has held at once (the batch being filled); at most the largest maxRows asked. */
    public int peakRowsHeld() {
        return peakRowsHeld;
    }

    /** The next at most {@code maxRows} rows, or {@code null} at the end of the file. */
    public Rows next(int maxRows) throws IOException {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        int m = handler.columns.wavelengths().length;
        // Arrays grow with the rows actually read (capped at maxRows), so a huge maxRows on a small file is cheap.
        int cap = Math.min(maxRows, 1024);
        String[] ids = new String[cap];
        float[] spectra = new float[cap * m];
        float[] labels = new float[cap];
        long[] lines = new long[cap];
        int n = 0;
        while (n < maxRows && advance()) {
            if (n == cap) {
                cap = (int) Math.min(maxRows, 2L * cap);
                ids = Arrays.copyOf(ids, cap);
                spectra = Arrays.copyOf(spectra, cap * m);
                labels = Arrays.copyOf(labels, cap);
                lines = Arrays.copyOf(lines, cap);
            }
            dataRows++;
            if (acceptRow(n, ids, spectra, labels, lines, m)) {
                n++;
                peakRowsHeld = Math.max(peakRowsHeld, n);
            } else {
                dropped++;
            }
        }
        if (n == 0) {
            if (dataRows == 0) {
                throw new DataFormatException(file, 2, 0, null, "the file has a header but no data rows");
            }
            if (dropped == dataRows) {
                throw new DataFormatException(file, "the dead-pixel filter dropped every spectrum");
            }
            return null;
        }
        if (n < ids.length) {
            ids = Arrays.copyOf(ids, n);
            spectra = Arrays.copyOf(spectra, n * m);
            labels = Arrays.copyOf(labels, n);
            lines = Arrays.copyOf(lines, n);
        }
        return new Rows(ids, spectra, labels, lines);
    }

    /** Copies the handler's current row into slot {@code n}; false when the dead-pixel filter drops it. */
    private boolean acceptRow(int n, String[] ids, float[] spectra, float[] labels, long[] lines, int m)
            throws DataFormatException {
        RowHandler h = handler;
        long line = h.line;
        float[] row = h.values;
        if (layout.quantity() == SpectralQuantity.ABSORBANCE) {
            for (int b = 0; b < m; b++) {
                row[b] = (float) Math.pow(10.0, -row[b]);
            }
        }
        String id;
        if (idColumn == null) {
            id = Long.toString(dataRows);
        } else {
            id = h.text[h.idText];
            if (id == null || id.isBlank()) {
                throw new DataFormatException(file, line, h.position(h.idText), idColumn, "the sample id is empty");
            }
            long fingerprint = fingerprint(id);
            int slot = firstLineOfId.indexOf(fingerprint);
            if (firstLineOfId.indexExists(slot)) {
                throw new DataFormatException(file, line, h.position(h.idText), idColumn, "duplicate sample id '"
                        + id + "' (first on line " + firstLineOfId.indexGet(slot) + ")");
            }
            firstLineOfId.indexInsert(slot, fingerprint, line);
        }
        float label = Float.NaN;
        if (h.labelText >= 0) {
            String raw = h.text[h.labelText];
            try {
                float v = DecimalParser.parse(raw == null ? "" : raw);
                label = Float.isNaN(v) ? Float.NaN : (float) (v * layout.labelScale());
            } catch (DecimalParser.NotANumber e) {
                throw new DataFormatException(file, line, h.position(h.labelText), layout.labelColumn().get(),
                        "label '" + raw + "' is not a number");
            }
        }
        int bad = SpectraCsvReader.firstDeadPixel(row, 0, m);
        if (bad >= 0 && !layout.deadPixelFilter()) {
            float v = row[bad];
            throw new DataFormatException(file, line, h.columns.spectralPositions()[bad],
                    h.columns.spectralNames().get(bad), (Float.isNaN(v) ? "missing value (NaN)" : "reflectance " + v
                    + " outside [0, 1]") + (layout.quantity() == SpectralQuantity.ABSORBANCE
                    ? " after converting absorbance" : "")
                    + "; set the dead-pixel filter on to drop such spectra");
        }
        if (bad >= 0) {
            return false;
        }
        System.arraycopy(row, 0, spectra, n * m, m);
        ids[n] = id;
        labels[n] = label;
        lines[n] = line;
        return true;
    }

    /** 64-bit FNV-1a over the id's UTF-16 units, then a finalising mix so that similar ids spread. */
    private static long fingerprint(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        return BitMixer.mix64(h);
    }

    /** Reads the next record into the handler; false at the end of the file. */
    private boolean advance() throws IOException {
        try {
            if (!records.hasNext()) {
                return false;
            }
            records.next();
            return true;
        } catch (CsvParseException | UncheckedIOException e) {
            throw ColumnRoutingHandler.readFailure(file, e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** FastCSV callback: the header first, then one data row at a time parsed into {@link #values}. */
    private final class RowHandler extends ColumnRoutingHandler<Boolean> {
        private final List<String> wanted;
        WideCsvReader.Columns columns;
        float[] values;
        String[] text;
        int idText = -1;
        int labelText = -1;
        long line;
        /** The first non-numeric cell of the current row, reported once the row is known not to be ragged. */
        private DataFormatException badCell;

        RowHandler(List<String> wanted) {
            super(SpectraCsvStream.this.file);
            this.wanted = wanted;
        }

        int position(int textColumn) {
            int[] role = columns.role();
            for (int c = 0; c < role.length; c++) {
                if (role[c] == -1 - textColumn) {
                    return c + 1;
                }
            }
            return 0;
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            badCell = null;
            if (text != null) {
                Arrays.fill(text, null);
            }
        }

        @Override
        protected void number(int band, int index, char[] buf, int off, int len) {
            try {
                values[band] = DecimalParser.parse(buf, off, len);
            } catch (DecimalParser.NotANumber e) {
                if (badCell == null) {
                    badCell = new DataFormatException(file, getStartingLineNumber(), index + 1,
                            columns.spectralNames().get(band), "'" + new String(buf, off, len) + "' is not a number");
                }
            }
        }

        @Override
        protected void text(int column, String value) {
            text[column] = value;
        }

        @Override
        protected RecordWrapper<Boolean> buildRecord() {
            try {
                if (!hasHeader()) {
                    defineHeader(getStartingLineNumber());
                    return wrapRecord(Boolean.TRUE);
                }
                requireWholeRow();
                if (badCell != null) {
                    throw badCell;
                }
            } catch (DataFormatException e) {
                throw new UncheckedIOException(e);
            }
            line = getStartingLineNumber();
            return wrapRecord(Boolean.TRUE);
        }

        private void defineHeader(long headerLine) throws DataFormatException {
            columns = defineColumns(headerLine, wanted::contains);
            values = new float[columns.wavelengths().length];
            text = new String[columns.textNames().size()];
            idText = idColumn == null ? -1 : columns.textNames().indexOf(idColumn);
            labelText = layout.labelColumn().map(columns.textNames()::indexOf).orElse(-1);
        }
    }
}
