package org.specsoc.datasets.library;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.plugin.SpectralLibraryReader;
import org.specsoc.datasets.csv.DataFormatException;
import org.specsoc.datasets.csv.WideCsvReader;
import org.specsoc.datasets.csv.WideTable;

/**
 * Endmember libraries in the wide CSV layout (one spectrum per row, {@code nm_<wl>} or numeric headers), as in
 * shared/data/usgs-endmembers and usgs_splib07a. The name comes from the first of {@code name},
 * {@code spectrum_name}, {@code title}, {@code record_title}, {@code mineral}; rho*r from a {@code rho_r} or
 * {@code rho_r_used} column, or else from an {@code endmember_properties.csv} beside the file (matched by
 * name). Empty cells (USGS deleted channels) stay NaN and are interpolated across when resampled.
 */
public final class CsvLibraryReader implements SpectralLibraryReader {
    static final List<String> NAME_COLUMNS = List.of("name", "spectrum_name", "title", "record_title", "mineral");
    static final List<String> RHO_R_COLUMNS = List.of("rho_r", "rho_r_used", "rhor", "rho*r");
    static final String PROPERTIES = "endmember_properties.csv";

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public boolean accepts(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    @Override
    public SpectralLibrary read(Path file) throws IOException {
        List<String> header = WideCsvReader.header(file);
        Optional<String> nameColumn = firstPresent(header, NAME_COLUMNS);
        Optional<String> rhoColumn = firstPresent(header, RHO_R_COLUMNS);
        WideTable t = new WideCsvReader().read(file);
        int n = t.rows();
        int m = t.bands();
        var names = new ArrayList<String>(n);
        String[] given = nameColumn.map(c -> t.textColumns().get(c)).orElse(new String[n]);
        for (int r = 0; r < n; r++) {
            names.add(given[r] == null || given[r].isBlank() ? "endmember_" + (r + 1) : given[r].trim());
        }
        double[] rhoR = new double[n];
        Arrays.fill(rhoR, Double.NaN);
        if (rhoColumn.isPresent()) {
            String[] raw = t.textColumns().get(rhoColumn.get());
            for (int r = 0; r < n; r++) {
                rhoR[r] = parse(file, t.lines()[r], header.indexOf(rhoColumn.get()) + 1, rhoColumn.get(), raw[r]);
            }
        } else {
            Path props = file.resolveSibling(PROPERTIES);
            if (Files.isRegularFile(props) && !props.equals(file)) {
                Map<String, Double> byName = properties(props);
                for (int r = 0; r < n; r++) {
                    rhoR[r] = byName.getOrDefault(names.get(r), Double.NaN);
                }
            }
        }
        float[][] spectra = new float[n][];
        for (int r = 0; r < n; r++) {
            spectra[r] = Arrays.copyOfRange(t.spectra(), r * m, r * m + m);
        }
        return new SpectralLibrary(names, t.wavelengths(), spectra, rhoR, file.toString());
    }

    private static Map<String, Double> properties(Path props) throws IOException {
        var out = new HashMap<String, Double>();
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(props)) {
            for (NamedCsvRecord rec : csv) {
                var header = rec.getHeader();
                Optional<String> name = firstPresent(header, NAME_COLUMNS);
                Optional<String> rho = firstPresent(header, RHO_R_COLUMNS);
                if (name.isEmpty() || rho.isEmpty()) {
                    return out;
                }
                String text = rec.getField(rho.get());
                int col = header.indexOf(rho.get()) + 1;
                out.put(rec.getField(name.get()), parse(props, rec.getStartingLineNumber(), col, rho.get(), text));
            }
        }
        return out;
    }

    private static double parse(Path file, long line, int column, String name, String text) throws DataFormatException {
        if (text == null || text.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, line, column, name, "'" + text + "' is not a number");
        }
    }

    static Optional<String> firstPresent(List<String> header, List<String> candidates) {
        for (String c : candidates) {
            for (String h : header) {
                if (h.equalsIgnoreCase(c)) {
                    return Optional.of(h);
                }
            }
        }
        return Optional.empty();
    }
}
