package org.specsoc.datasets.lucas;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.csv.DataFormatException;
import org.specsoc.datasets.csv.FileDigests;
import org.specsoc.datasets.csv.SpectralQuantity;
import org.specsoc.datasets.csv.WideCsvReader;
import org.specsoc.datasets.csv.WideTable;

/**
 * The LUCAS topsoil release of the European Soil Data Centre: a spectra table (point id, an optional replicate
 * column, absorbance log10(1/R) at 0.5 nm from 400 to 2499.5 nm) and the topsoil table (point id, OC in g/kg,
 * CaCO3, country NUTS_0, land cover). Replicates of a point are averaged in absorbance, then converted to
 * reflectance; points are joined with the topsoil table on the point id. Column names are matched without regard
 * to case, spaces, dots or underscores ({@code Point_ID} = {@code POINTID} = {@code point id}). Groups: the
 * country as {@code region} (so leave-one-group-out runs across countries), {@code country} and
 * {@code land-cover}; CaCO3 is kept as a group column ({@code caco3_g_per_kg}) for filtering.
 */
public final class LucasReader {
    private static final Logger LOG = LoggerFactory.getLogger(LucasReader.class);
    static final List<String> POINT = List.of("pointid", "point", "id", "sampleid");
    static final List<String> REPLICATE = List.of("replicate", "rep", "repl", "replicateid", "samplen");
    static final List<String> OC = List.of("oc", "organiccarbon", "ocgkg");
    static final List<String> CACO3 = List.of("caco3", "caco3gkg", "carbonates");
    static final List<String> COUNTRY = List.of("nuts0", "country", "nuts");
    static final List<String> LAND_COVER = List.of("lc0desc", "lc1desc", "landcover", "lc1", "lc0", "lc");

    private final boolean keepUnlabelled;

    public LucasReader(boolean keepUnlabelled) {
        this.keepUnlabelled = keepUnlabelled;
    }

    private record Topsoil(double oc, String caco3, String country, String landCover) {
    }

    public SpectralDataset read(Path spectraFile, Path topsoilFile) throws IOException {
        List<String> header = WideCsvReader.header(spectraFile);
        String pointCol = match(spectraFile, header, POINT).orElseThrow(() -> missing(spectraFile, header, "point id",
                POINT));
        Optional<String> repCol = match(spectraFile, header, REPLICATE);
        var keep = new ArrayList<String>();
        keep.add(pointCol);
        repCol.ifPresent(keep::add);
        WideTable t = new WideCsvReader(WideCsvReader.only(keep), Runtime.getRuntime().availableProcessors())
                .read(spectraFile);
        int m = t.bands();
        String[] points = t.textColumns().get(pointCol);
        // Average replicates (in absorbance, as measured) per point, in order of first appearance.
        var order = new LinkedHashMap<String, double[]>();
        var counts = new HashMap<String, Integer>();
        var seenReplicate = new HashMap<String, Long>();
        for (int r = 0; r < t.rows(); r++) {
            String p = points[r] == null ? "" : points[r].trim();
            if (p.isEmpty()) {
                throw new DataFormatException(spectraFile, t.lines()[r], header.indexOf(pointCol) + 1, pointCol,
                        "the point id is empty");
            }
            if (repCol.isPresent()) {
                String key = p + "\u0000" + t.textColumns().get(repCol.get())[r];
                Long before = seenReplicate.putIfAbsent(key, t.lines()[r]);
                if (before != null) {
                    throw new DataFormatException(spectraFile, t.lines()[r], header.indexOf(repCol.get()) + 1,
                            repCol.get(), "point '" + p + "' has this replicate twice (first on line " + before + ")");
                }
            }
            double[] sum = order.computeIfAbsent(p, k -> new double[m]);
            for (int b = 0; b < m; b++) {
                float v = t.spectra()[r * m + b];
                if (Float.isNaN(v)) {
                    throw new DataFormatException(spectraFile, t.lines()[r], t.firstSpectralColumn()[b],
                            t.spectralColumns().get(b), "missing absorbance value");
                }
                sum[b] += v;
            }
            counts.merge(p, 1, Integer::sum);
        }
        Map<String, Topsoil> topsoil = readTopsoil(topsoilFile);
        var ids = new ArrayList<String>();
        var rows = new ArrayList<float[]>();
        var labels = new ArrayList<Float>();
        var country = new ArrayList<String>();
        var landCover = new ArrayList<String>();
        var caco3 = new ArrayList<String>();
        int unmatched = 0;
        for (var e : order.entrySet()) {
            Topsoil s = topsoil.get(e.getKey());
            if (s == null) {
                unmatched++;
                if (!keepUnlabelled) {
                    continue;
                }
            }
            int n = counts.get(e.getKey());
            float[] refl = new float[m];
            for (int b = 0; b < m; b++) {
                refl[b] = (float) (e.getValue()[b] / n);
            }
            SpectralQuantity.absorbanceToReflectance(refl, m);
            ids.add(e.getKey());
            rows.add(refl);
            // OC is in g/kg: g/kg x 0.001 = mass fraction.
            labels.add(s == null || Double.isNaN(s.oc) ? Float.NaN : (float) (s.oc * 0.001));
            country.add(s == null ? "" : s.country);
            landCover.add(s == null ? "" : s.landCover);
            caco3.add(s == null ? "" : s.caco3);
        }
        if (ids.isEmpty()) {
            throw new DataFormatException(spectraFile, "no point of the spectra table is in " + topsoilFile);
        }
        int n = ids.size();
        float[] spectra = new float[n * m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(i), 0, spectra, i * m, m);
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.get(i);
        }
        Map<String, String[]> groups = new LinkedHashMap<>();
        groups.put(SpectralDataset.REGION, country.toArray(String[]::new));
        groups.put("country", country.toArray(String[]::new));
        groups.put("land-cover", landCover.toArray(String[]::new));
        groups.put("caco3_g_per_kg", caco3.toArray(String[]::new));
        var facts = new LinkedHashMap<String, String>();
        facts.put("spectra_rows", Integer.toString(t.rows()));
        facts.put("points", Integer.toString(order.size()));
        facts.put("points_without_topsoil_row", Integer.toString(unmatched));
        LOG.info("LUCAS {}: {}", spectraFile, facts);
        var provenance = new DatasetProvenance("lucas", List.of(t.digest(),
                FileDigests.of(topsoilFile, topsoil.size())), facts);
        return new SpectralDataset(spectra, t.wavelengths(), y, ids.toArray(String[]::new), groups, provenance);
    }

    private Map<String, Topsoil> readTopsoil(Path file) throws IOException {
        List<String> header = WideCsvReader.header(file);
        String point = match(file, header, POINT).orElseThrow(() -> missing(file, header, "point id", POINT));
        String oc = match(file, header, OC).orElseThrow(() -> missing(file, header, "organic carbon (OC, g/kg)", OC));
        Optional<String> ca = match(file, header, CACO3);
        Optional<String> nuts = match(file, header, COUNTRY);
        Optional<String> lc = match(file, header, LAND_COVER);
        var out = new HashMap<String, Topsoil>();
        var lines = new HashMap<String, Long>();
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(file)) {
            for (NamedCsvRecord rec : csv) {
                long line = rec.getStartingLineNumber();
                String id = rec.getField(point).trim();
                Long before = lines.putIfAbsent(id, line);
                if (before != null) {
                    throw new DataFormatException(file, line, header.indexOf(point) + 1, point, "duplicate point id '"
                            + id + "' (first on line " + before + ")");
                }
                String text = rec.getField(oc).trim();
                double value;
                if (text.isEmpty() || text.equalsIgnoreCase("NA")) {
                    value = Double.NaN;
                } else {
                    try {
                        // LUCAS marks values below the detection limit as "<LOD" or "< 6": taken as missing.
                        value = text.startsWith("<") ? Double.NaN : Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new DataFormatException(file, line, header.indexOf(oc) + 1, oc, "'" + text
                                + "' is not a number");
                    }
                }
                out.put(id, new Topsoil(value, ca.map(rec::getField).orElse(""), nuts.map(rec::getField).orElse(""),
                        lc.map(rec::getField).orElse("")));
            }
        }
        return out;
    }

    static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    static Optional<String> match(Path file, List<String> header, List<String> candidates) {
        for (String c : candidates) {
            for (String h : header) {
                if (norm(h).equals(c)) {
                    return Optional.of(h);
                }
            }
        }
        return Optional.empty();
    }

    private static DataFormatException missing(Path file, List<String> header, String what, List<String> names) {
        return new DataFormatException(file, 1, 0, null, "no " + what + " column (looked for " + names
                + ", ignoring case and punctuation); columns are " + header.stream()
                .filter(h -> Double.isNaN(WideCsvReader.wavelengthOf(h))).toList());
    }
}
