package org.specsoc.datasets.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.io.AtomicFileWriter;

/**
 * Writes a data set in the generic wide layout: {@code sample_id}, {@code soc} (mass fraction; empty when
 * unlabelled), one column per group, then {@code nm_<wavelength>} reflectance. Atomic: a sibling temporary file
 * renamed over the target. Values use the shortest text that reads back to the same float32.
 */
public final class SpectraCsvWriter {
    public static final String LABEL_COLUMN = "soc";

    private SpectraCsvWriter() {
    }

    public static void write(SpectralDataset data, Path target) throws IOException {
        AtomicFileWriter.writeText(target, w -> {
            try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w)) {
                var header = new ArrayList<String>();
                header.add(SpectraCsvReader.DEFAULT_ID);
                header.add(LABEL_COLUMN);
                List<String> groups = List.copyOf(data.groups().keySet());
                header.addAll(groups);
                for (int b = 0; b < data.bands(); b++) {
                    header.add("nm_" + SpectraFormat.nm(data.wavelength(b)));
                }
                csv.writeRecord(header);
                float[] s = data.spectra();
                int m = data.bands();
                for (int r = 0; r < data.rows(); r++) {
                    var rec = csv.writeRecord();
                    rec.writeField(data.id(r));
                    rec.writeField(data.labelled(r) ? Float.toString(data.soc(r)) : "");
                    for (String g : groups) {
                        rec.writeField(data.group(g)[r]);
                    }
                    for (int b = 0, off = r * m; b < m; b++) {
                        rec.writeField(Float.toString(s[off + b]));
                    }
                    rec.endRecord();
                }
            }
        });
    }
}
