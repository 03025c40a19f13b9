package org.specsoc.datasets.csv;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A malformed data file: one message naming the file, the line (1-based, as an editor shows it) and, where
 * it applies, the column (1-based position and header name).
 */
public class DataFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final int column;

    public DataFormatException(Path file, long line, int column, String columnName, String problem) {
        super(format(file, line, column, columnName, problem));
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public DataFormatException(Path file, String problem) {
        this(file, 0, 0, null, problem);
    }

    private static String format(Path file, long line, int column, String columnName, String problem) {
        var sb = new StringBuilder().append(file);
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (column > 0) {
            sb.append(", column ").append(column);
            if (columnName != null) {
                sb.append(" '").append(columnName).append('\'');
            }
        }
        return sb.append(": ").append(problem).toString();
    }

    public Path file() {
        return file;
    }

    /** 1-based line, 0 when the problem is not on one line. */
    public long line() {
        return line;
    }

    /** 1-based column, 0 when the problem is not in one column. */
    public int column() {
        return column;
    }
}
