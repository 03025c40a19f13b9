package org.specsoc.datasets.raca;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.csv.DataFormatException;
import org.specsoc.datasets.csv.FileDigests;
import org.specsoc.datasets.csv.WideCsvReader;
import org.specsoc.datasets.csv.WideTable;

/**
 * The RaCA VNIR export of soilDB's {@code fetchRaCA} (a wide spectra CSV with {@code sample_id} and numeric
 * wavelength headers) joined with the RaCA sample/lab table, cleaned as the authors did (reference-spec 1.2):
 * <ol>
 *   <li>exact duplicate spectra rows dropped;</li>
 *   <li>lab rows restricted to {@code pedon_no == 1}; exact duplicates dropped, then every row whose sample id is
 *   still duplicated;</li>
 *   <li>spectra inner-joined with the lab rows on the sample id;</li>
 *   <li>moisture cut: water = 1 - 1/adod above {@code maxWater} (0.4) removes the sample and its site's spectra;</li>
 *   <li>rows without total C dropped;</li>
 *   <li>CaCO3 missing or negative set to 0; SOC = c_tot - 0.12 CaCO3, negative set to 0, divided by 100;</li>
 *   <li>dead-pixel cut: any reflectance below 0, above 1 or NaN drops the spectrum.</li>
 * </ol>
 * Region = the lab table's {@code region}/{@code Region}/{@code MO} column, else characters 2-3 of the pedon
 * id {@code rcapid}; site = {@code rcasiteid}, else {@code rcapid} minus its last character. Column names are
 * matched without regard to case, dots or underscores ({@code sample.id} = {@code sample_id}); percent columns
 * may carry a {@code _pct} suffix. With {@code keepUnlabelled} the spectra without a lab match stay, unlabelled
 * (scan-only spectra for the reconstruction loss), after the same duplicate, moisture-site and dead-pixel cuts.
 */
public final class RacaCsvReader {
    private static final Logger LOG = LoggerFactory.getLogger(RacaCsvReader.class);
    /** Carbon mass fraction of CaCO3 (12.011 / 100.09), as the authors used it. */
    public static final double CARBONATE_CARBON = 0.12;

    private final boolean keepUnlabelled;
    private final double maxWater;

    public RacaCsvReader(boolean keepUnlabelled, double maxWater) {
        this.keepUnlabelled = keepUnlabelled;
        this.maxWater = maxWater;
    }

    /** A spectra-table row compared by id and every value (exact duplicates, reference-spec 1.2 step 1). */
    private record SpectrumRow(String id, float[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SpectrumRow other && id.equals(other.id) && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return 31 * id.hashCode() + Arrays.hashCode(values);
        }
    }

    private record LabRow(long line, String sampleId, String pedon, String site, String region, int pedonNo,
                          double adod, double totalC, double caco3, String signature) {
    }

    public SpectralDataset read(Path spectraFile, Path labFile) throws IOException {
        var facts = new LinkedHashMap<String, String>();
        WideTable t = new WideCsvReader().read(spectraFile);
        String idCol = column(spectraFile, t.textColumns().keySet(), List.of("sample_id"), true).orElseThrow();
        String[] spectrumIds = t.textColumns().get(idCol);
        int m = t.bands();
        facts.put("spectra_rows", Integer.toString(t.rows()));

        // 1. exact duplicate spectra rows
        var seenRows = new HashSet<SpectrumRow>();
        var unique = new ArrayList<Integer>();
        for (int r = 0; r < t.rows(); r++) {
            if (seenRows.add(new SpectrumRow(spectrumIds[r], Arrays.copyOfRange(t.spectra(), r * m, r * m + m)))) {
                unique.add(r);
            }
        }
        facts.put("after_duplicate_spectra", Integer.toString(unique.size()));

        // 2. lab table
        List<LabRow> lab = readLab(labFile);
        facts.put("lab_rows", Integer.toString(lab.size()));
        var pedonOne = lab.stream().filter(l -> l.pedonNo == 1).toList();
        var signatures = new HashSet<String>();
        var distinct = new ArrayList<LabRow>();
        for (LabRow l : pedonOne) {
            if (signatures.add(l.signature)) {
                distinct.add(l);
            }
        }
        var idCount = new HashMap<String, Integer>();
        distinct.forEach(l -> idCount.merge(l.sampleId, 1, Integer::sum));
        var byId = new HashMap<String, LabRow>();
        distinct.stream().filter(l -> idCount.get(l.sampleId) == 1).forEach(l -> byId.put(l.sampleId, l));
        facts.put("lab_pedon1_unique", Integer.toString(byId.size()));
        Map<String, LabRow> anyById = new HashMap<>();
        lab.forEach(l -> anyById.putIfAbsent(l.sampleId, l));

        // 3. join; 4. moisture cut by site
        var wetSites = new HashSet<String>();
        for (LabRow l : byId.values()) {
            if (Double.isFinite(l.adod) && l.adod > 0 && 1 - 1 / l.adod > maxWater) {
                wetSites.add(l.site);
            }
        }
        facts.put("moisture_removed_sites", Integer.toString(wetSites.size()));
        var keptRows = new ArrayList<Integer>();
        var labels = new ArrayList<Float>();
        var regions = new ArrayList<String>();
        var pedons = new ArrayList<String>();
        var sites = new ArrayList<String>();
        int missingTotalC = 0;
        int joined = 0;
        for (int r : unique) {
            LabRow l = byId.get(spectrumIds[r]);
            LabRow meta = l != null ? l : anyById.get(spectrumIds[r]);
            if (meta != null && wetSites.contains(meta.site)) {
                continue;
            }
            float soc = Float.NaN;
            if (l != null) {
                joined++;
                if (Double.isNaN(l.totalC)) {
                    missingTotalC++;
                    if (!keepUnlabelled) {
                        continue;
                    }
                } else {
                    soc = (float) soc(l.totalC, l.caco3);
                }
            } else if (!keepUnlabelled) {
                continue;
            }
            keptRows.add(r);
            labels.add(soc);
            regions.add(meta == null ? "" : meta.region);
            pedons.add(meta == null ? "" : meta.pedon);
            sites.add(meta == null ? "" : meta.site);
        }
        facts.put("joined", Integer.toString(joined));
        facts.put("missing_total_c", Integer.toString(missingTotalC));

        // 7. dead pixels
        var finalRows = new ArrayList<Integer>();
        for (int i = 0; i < keptRows.size(); i++) {
            int off = keptRows.get(i) * m;
            boolean ok = true;
            for (int b = 0; b < m && ok; b++) {
                float v = t.spectra()[off + b];
                ok = v >= 0f && v <= 1f;
            }
            if (ok) {
                finalRows.add(i);
            }
        }
        facts.put("dead_pixel_removed", Integer.toString(keptRows.size() - finalRows.size()));
        int n = finalRows.size();
        float[] spectra = new float[n * m];
        float[] y = new float[n];
        String[] ids = new String[n];
        String[] region = new String[n];
        String[] pedon = new String[n];
        String[] site = new String[n];
        for (int k = 0; k < n; k++) {
            int i = finalRows.get(k);
            int r = keptRows.get(i);
            System.arraycopy(t.spectra(), r * m, spectra, k * m, m);
            y[k] = labels.get(i);
            ids[k] = spectrumIds[r];
            region[k] = regions.get(i);
            pedon[k] = pedons.get(i);
            site[k] = sites.get(i);
        }
        facts.put("final", Integer.toString(n));
        LOG.info("RaCA cleaning of {}: {}", spectraFile, facts);
        Map<String, String[]> groups = new LinkedHashMap<>();
        groups.put(SpectralDataset.REGION, region);
        groups.put(SpectralDataset.PEDON, pedon);
        groups.put("site", site);
        var provenance = new DatasetProvenance("raca", List.of(t.digest(),
                FileDigests.of(labFile, lab.size())), facts);
        var d = new SpectralDataset(spectra, t.wavelengths(), y, ids, groups, provenance);
        d.requireUniqueIds();
        return d;
    }

    /** SOC mass fraction from total C and CaCO3 in percent, the authors' formula and clipping. */
    public static double soc(double totalCPercent, double caco3Percent) {
        double carbonate = Double.isNaN(caco3Percent) || caco3Percent < 0 ? 0 : caco3Percent;
        return Math.max(0, totalCPercent - CARBONATE_CARBON * carbonate) / 100.0;
    }

    private List<LabRow> readLab(Path file) throws IOException {
        List<String> header = WideCsvReader.header(file);
        var cols = new HashSet<>(header);
        String id = column(file, cols, List.of("sample_id", "sampleid"), true).orElseThrow();
        Optional<String> pedonId = column(file, cols, List.of("rcapid"), false);
        Optional<String> siteId = column(file, cols, List.of("rcasiteid"), false);
        Optional<String> region = column(file, cols, List.of("region", "mo"), false);
        Optional<String> pedonNo = column(file, cols, List.of("pedon_no"), false);
        String adod = column(file, cols, List.of("adod"), true).orElseThrow();
        String totalC = column(file, cols, List.of("c_tot_ncs", "c_tot_ncs_pct"), true).orElseThrow();
        Optional<String> caco3 = column(file, cols, List.of("caco3", "caco3_pct"), false);
        if (pedonId.isEmpty() && (region.isEmpty() || pedonNo.isEmpty())) {
            throw new DataFormatException(file, 1, 0, null, "needs the pedon id column 'rcapid', or both 'region' "
                    + "and 'pedon_no'; columns are " + header);
        }
        var out = new ArrayList<LabRow>();
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(file)) {
            for (NamedCsvRecord rec : csv) {
                long line = rec.getStartingLineNumber();
                String pid = pedonId.map(rec::getField).orElse("").trim();
                String sid = siteId.map(rec::getField).filter(s -> !s.isBlank())
                        .orElse(pid.length() > 1 ? pid.substring(0, pid.length() - 1) : "");
                String reg = region.map(rec::getField).filter(s -> !s.isBlank()).map(RacaCsvReader::stripZeros)
                        .orElse(pid.length() >= 3 ? stripZeros(pid.substring(1, 3)) : "");
                int pno = pedonNo.map(rec::getField).filter(s -> !s.isBlank())
                        .map(s -> (int) number(file, line, header, pedonNo.get(), s))
                        .orElse(pid.isEmpty() ? 0 : Character.getNumericValue(pid.charAt(pid.length() - 1)));
                double a = number(file, line, header, adod, rec.getField(adod));
                double c = number(file, line, header, totalC, rec.getField(totalC));
                double k = caco3.map(col -> number(file, line, header, col, rec.getField(col))).orElse(Double.NaN);
                out.add(new LabRow(line, rec.getField(id).trim(), pid, sid, reg, pno, a, c, k,
                        String.join("|", rec.getFields())));
            }
        } catch (BadNumber e) {
            throw e.error;
        }
        return out;
    }

    private static String stripZeros(String s) {
        String t = s.trim();
        try {
            return Integer.toString(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            return t;
        }
    }

    /** Carries a DataFormatException out of a lambda. */
    private static final class BadNumber extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient DataFormatException error;

        BadNumber(DataFormatException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    private static double number(Path file, long line, List<String> header, String col, String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("NA")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new BadNumber(new DataFormatException(file, line, header.indexOf(col) + 1, col, "'" + text
                    + "' is not a number"));
        }
    }

    /** The first column whose normalised name (lower case, no dots/underscores) matches a candidate. */
    static Optional<String> column(Path file, Set<String> columns, List<String> candidates, boolean required)
            throws DataFormatException {
        for (String c : candidates) {
            for (String col : columns) {
                if (norm(col).equals(norm(c))) {
                    return Optional.of(col);
                }
            }
        }
        if (required) {
            throw new DataFormatException(file, 1, 0, null, "no column '" + candidates.get(0) + "'"
                    + (candidates.size() > 1 ? " (or " + candidates.subList(1, candidates.size()) + ")" : "")
                    + "; columns are " + columns.stream().sorted().limit(40).toList());
        }
        return Optional.empty();
    }

    static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replace(".", "").replace("_", "").trim();
    }
}
