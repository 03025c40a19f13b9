package org.specsoc.datasets.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataset;

/**
 * Turns a wide spectra CSV into a {@link SpectralDataset} following a {@link CsvLayout}: ids (unique), the
 * label scaled to a mass fraction (empty or NA = unlabelled), groups, absorbance converted to reflectance,
 * and the dead-pixel rule (values below 0, above 1 or NaN: an error naming the cell, or with the filter on the
 * spectrum is dropped and counted).
 */
public final class SpectraCsvReader {
    private static final Logger LOG = LoggerFactory.getLogger(SpectraCsvReader.class);
    public static final String DEFAULT_ID = "sample_id";

    private final CsvLayout layout;
    private final int threads;

    public SpectraCsvReader(CsvLayout layout) {
        this(layout, Runtime.getRuntime().availableProcessors());
    }

    public SpectraCsvReader(CsvLayout layout, int threads) {
        this.layout = layout;
        this.threads = threads;
    }

    public SpectralDataset read(Path file) throws IOException {
        List<String> header = WideCsvReader.header(file);
        String idColumn = layout.idColumn().orElse(header.contains(DEFAULT_ID) ? DEFAULT_ID : null);
        var wanted = new ArrayList<String>();
        requireColumn(file, header, idColumn, "id", wanted);
        requireColumn(file, header, layout.labelColumn().orElse(null), "label", wanted);
        requireColumn(file, header, layout.regionColumn().orElse(null), "region", wanted);
        requireColumn(file, header, layout.pedonColumn().orElse(null), "pedon", wanted);
        for (String g : layout.groupColumns()) {
            requireColumn(file, header, g, "group", wanted);
        }
        WideTable table = new WideCsvReader(WideCsvReader.only(wanted), threads).read(file);
        return toDataset(table, header, idColumn);
    }

    static void requireColumn(Path file, List<String> header, String column, String role, List<String> out)
            throws DataFormatException {
        if (column == null) {
            return;
        }
        if (!header.contains(column)) {
            throw new DataFormatException(file, 1, 0, null, "the " + role + " column '" + column
                    + "' does not exist; columns are " + nonSpectral(header));
        }
        out.add(column);
    }

    private static List<String> nonSpectral(List<String> header) {
        var out = header.stream().filter(h -> Double.isNaN(WideCsvReader.wavelengthOf(h))).toList();
        return out.isEmpty() ? List.of("(only spectral columns)") : out;
    }

    private SpectralDataset toDataset(WideTable t, List<String> header, String idColumn) throws IOException {
        int n = t.rows();
        int m = t.bands();
        Path file = t.file();
        String[] ids = idColumn == null
                ? IntStream.range(0, n).mapToObj(i -> Integer.toString(i + 1)).toArray(String[]::new)
                : t.textColumns().get(idColumn);
        if (idColumn != null) {
            var first = new HashMap<String, Integer>();
            for (int r = 0; r < n; r++) {
                if (ids[r] == null || ids[r].isBlank()) {
                    throw new DataFormatException(file, t.lines()[r], header.indexOf(idColumn) + 1, idColumn,
                            "the sample id is empty");
                }
                Integer before = first.putIfAbsent(ids[r], r);
                if (before != null) {
                    throw new DataFormatException(file, t.lines()[r], header.indexOf(idColumn) + 1, idColumn,
                            "duplicate sample id '" + ids[r] + "' (first on line " + t.lines()[before] + ")");
                }
            }
        }
        float[] labels = new float[n];
        java.util.Arrays.fill(labels, Float.NaN);
        if (layout.labelColumn().isPresent()) {
            String col = layout.labelColumn().get();
            String[] raw = t.textColumns().get(col);
            for (int r = 0; r < n; r++) {
                try {
                    float v = DecimalParser.parse(raw[r] == null ? "" : raw[r]);
                    labels[r] = Float.isNaN(v) ? Float.NaN : (float) (v * layout.labelScale());
                } catch (DecimalParser.NotANumber e) {
                    throw new DataFormatException(file, t.lines()[r], header.indexOf(col) + 1, col, "label '"
                            + raw[r] + "' is not a number");
                }
            }
        }
        float[] spectra = t.spectra();
        if (layout.quantity() == SpectralQuantity.ABSORBANCE) {
            SpectralQuantity.absorbanceToReflectance(spectra, m);
        }
        boolean[] keep = new boolean[n];
        int kept = 0;
        for (int r = 0; r < n; r++) {
            int bad = firstDeadPixel(spectra, r * m, m);
            if (bad < 0) {
                keep[r] = true;
                kept++;
            } else if (!layout.deadPixelFilter()) {
                float v = spectra[r * m + bad];
                throw new DataFormatException(file, t.lines()[r], t.firstSpectralColumn()[bad],
                        t.spectralColumns().get(bad), (Float.isNaN(v) ? "missing value (NaN)" : "reflectance " + v
                        + " outside [0, 1]") + (layout.quantity() == SpectralQuantity.ABSORBANCE
                        ? " after converting absorbance" : "")
                        + "; set the dead-pixel filter on to drop such spectra");
            }
        }
        Map<String, String[]> groups = new LinkedHashMap<>();
        layout.regionColumn().ifPresent(c -> groups.put(SpectralDataset.REGION, t.textColumns().get(c)));
        layout.pedonColumn().ifPresent(c -> groups.put(SpectralDataset.PEDON, t.textColumns().get(c)));
        for (String g : layout.groupColumns()) {
            groups.put(g, t.textColumns().get(g));
        }
        var facts = new LinkedHashMap<String, String>();
        facts.put("rows_read", Integer.toString(n));
        facts.put("dead_pixel_dropped", Integer.toString(n - kept));
        var provenance = new DatasetProvenance("spectra-csv", List.of(t.digest()), facts);
        var all = new SpectralDataset(spectra, t.wavelengths(), labels, ids, groups, provenance);
        if (kept == n) {
            return all;
        }
        LOG.info("{}: dead-pixel filter dropped {} of {} spectra (a value < 0, > 1 or NaN)", file, n - kept, n);
        if (kept == 0) {
            throw new DataFormatException(file, "the dead-pixel filter dropped every spectrum");
        }
        int[] index = IntStream.range(0, n).filter(r -> keep[r]).toArray();
        return all.subset(index);
    }

    /** Index of the first value that is NaN, below 0 or above 1; -1 when none. */
    static int firstDeadPixel(float[] s, int off, int m) {
        for (int b = 0; b < m; b++) {
            float v = s[off + b];
            if (!(v >= 0f && v <= 1f)) {
                return b;
            }
        }
        return -1;
    }

    public CsvLayout layout() {
        return layout;
    }
}
