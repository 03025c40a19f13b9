package org.specsoc.runner.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Plain-text columns for the terminal: each column as wide as its widest cell, two spaces between. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    static TextTable withoutHeader(int columns) {
        var table = new TextTable(new String[columns]);
        table.rows.clear();
        return table;
    }

    TextTable row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns + " columns");
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "" : c).toArray(String[]::new));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The lines, each starting with {@code indent}; the last column is not padded. */
    List<String> render(String indent) {
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c] == null ? 0 : row[c].length());
            }
        }
        var lines = new ArrayList<String>();
        for (String[] row : rows) {
            var sb = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                String cell = row[c] == null ? "" : row[c];
                sb.append(cell);
                if (c < columns - 1) {
                    sb.append(" ".repeat(width[c] - cell.length() + 2));
                }
            }
            lines.add(sb.toString().stripTrailing());
        }
        return lines;
    }
}
