package org.specsoc.datasets.csv;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A wide CSV as read: spectral columns as one row-major float32 matrix on increasing wavelengths, every other
 * column as text, and the line each row started on (for messages about values found later).
 *
 * @param file        the file read
 * @param wavelengths nm, strictly increasing
 * @param spectra     rows x wavelengths, row-major; NaN where a cell was empty, NA or NaN
 * @param rows        number of data rows
 * @param textColumns non-spectral column name to its values (in row order)
 * @param spectralColumns header name of each spectral column, in order
 * @param firstSpectralColumn 1-based position of each spectral column in the file
 * @param lines       1-based line of each row
 * @param sha256      SHA-256 (hex) of the file's bytes, for provenance
 */
public record WideTable(Path file, double[] wavelengths, float[] spectra, int rows, Map<String, String[]> textColumns,
                        List<String> spectralColumns, int[] firstSpectralColumn, long[] lines,
                        String sha256) {

    /** The provenance record of this file. */
    public org.specsoc.api.data.DatasetProvenance.FileDigest digest() {
        return new org.specsoc.api.data.DatasetProvenance.FileDigest(file.toString(), sha256, rows);
    }

    public int bands() {
        return wavelengths.length;
    }
}
