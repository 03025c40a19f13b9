package org.specsoc.datasets.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * FastCSV callback for a wide spectra CSV, shared by the whole-file reader and the stream: it collects the
 * header's cells until the header row ends, then routes each data field by its column's role to
 * {@link #number} (a spectral band) or {@link #text} (an id, label or other kept column), skipping the rest.
 * Subclasses decide what a row becomes.
 */
abstract class ColumnRoutingHandler<T> extends AbstractBaseCsvCallbackHandler<T> {
    protected final Path file;
    private final List<String> headerFields = new ArrayList<>();
    /** Per file column: >= 0 spectral band, -1 - t text column t, MIN_VALUE skipped; null before the header. */
    private int[] role;

    ColumnRoutingHandler(Path file) {
        this.file = file;
    }

    /** A spectral cell: band {@code band}, in file column {@code index}. */
    protected abstract void number(int band, int index, char[] buf, int off, int len);

    /** A kept non-spectral cell of text column {@code column}. */
    protected abstract void text(int column, String value);

    @Override
    protected final void handleField(int index, char[] buf, int off, int len, boolean quoted) {
        if (role == null) {
            headerFields.add(new String(buf, off, len));
            return;
        }
        if (index >= role.length) {
            return; // ragged row, reported by requireWholeRow
        }
        int r = role[index];
        if (r >= 0) {
            number(r, index, buf, off, len);
        } else if (r != Integer.MIN_VALUE) {
            text(-1 - r, new String(buf, off, len));
        }
    }

    /** Whether the header row has been read. */
    protected final boolean hasHeader() {
        return role != null;
    }

    /** Classifies the header row just read (at {@code line}) and starts routing data fields. */
    protected final WideCsvReader.Columns defineColumns(long line, Predicate<String> keepText)
            throws DataFormatException {
        WideCsvReader.Columns columns = WideCsvReader.Columns.of(file, line, List.copyOf(headerFields), keepText);
        role = columns.role();
        return columns;
    }

    /** Throws when the row just read has another number of fields than the header. */
    protected final void requireWholeRow() throws DataFormatException {
        if (getFieldCount() != role.length) {
            throw new DataFormatException(file, getStartingLineNumber(), Math.min(getFieldCount(), role.length) + 1,
                    null, "the row has " + getFieldCount() + " fields but the header has " + role.length);
        }
    }

    /**
     * What reading with this handler throws, as the {@link DataFormatException} a callback raised (callbacks
     * can only throw unchecked exceptions, so they wrap it) or as a "not valid CSV" error naming the file.
     */
    static IOException readFailure(Path file, RuntimeException e) {
        if (e instanceof CsvParseException p) {
            if (p.getCause() instanceof UncheckedIOException u) {
                return u.getCause();
            }
            var dfe = new DataFormatException(file, "not valid CSV: " + p.getMessage()
                    + (p.getCause() == null ? "" : " (" + p.getCause().getMessage() + ")"));
            dfe.initCause(p);
            return dfe;
        }
        if (e instanceof UncheckedIOException u) {
            return u.getCause();
        }
        throw e;
    }
}
