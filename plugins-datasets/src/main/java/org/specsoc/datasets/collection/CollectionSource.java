package org.specsoc.datasets.collection;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.csv.CsvLayout;
import org.specsoc.datasets.csv.DataFormatException;
import org.specsoc.datasets.csv.SpectraCsvReader;
import org.specsoc.datasets.csv.WideCsvReader;
import org.specsoc.datasets.preprocess.SpectralOps;

/**
 * Reads the members of a collection: first every member's header (the label column, the wavelength range
 * against the grid), so that a configuration mistake in the last member is reported before any spectrum is
 * read; then each member through {@link SpectraCsvReader}, resampled to the grid ({@link SpectralOps#resample}),
 * with ids {@code <member>/<sample id>}, the member name in the group column and the id as the pedon (one
 * spectrum per sample in these files).
 */
final class CollectionSource implements SpectralDataSource {
    private static final Logger LOG = LoggerFactory.getLogger(CollectionSource.class);

    private final CollectionDatasetFactory.Settings settings;

    CollectionSource(CollectionDatasetFactory.Settings settings) {
        this.settings = settings;
    }

    /** A member with what its header says. */
    private record Planned(CollectionMember member, CarbonLabel label) {
    }

    @Override
    public SpectralDataset load() throws IOException {
        List<Planned> planned = plan();
        var parts = new ArrayList<SpectralDataset>();
        for (Planned p : planned) {
            parts.add(read(p));
        }
        return join(planned, parts);
    }

    private List<Planned> plan() throws IOException {
        var problems = new ArrayList<String>();
        var out = new ArrayList<Planned>();
        double[] grid = settings.grid();
        for (CollectionMember m : settings.members()) {
            if (!Files.isRegularFile(m.file())) {
                problems.add("key '" + settings.keys().get("members") + "': member " + m.listed() + " ("
                        + m.file() + ") does not exist");
                continue;
            }
            List<String> header = WideCsvReader.header(m.file());
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (String h : header) {
                double w = WideCsvReader.wavelengthOf(h);
                if (!Double.isNaN(w)) {
                    lo = Math.min(lo, w);
                    hi = Math.max(hi, w);
                }
            }
            if (lo > hi) {
                problems.add("member " + m.listed() + " has no spectral (nm_<wavelength>) columns");
                continue;
            }
            var missing = new ArrayList<String>();
            if (grid[0] < lo) {
                missing.add(nm(grid[0]) + "-" + nm(lo) + " nm");
            }
            if (grid[grid.length - 1] > hi) {
                missing.add(nm(hi) + "-" + nm(grid[grid.length - 1]) + " nm");
            }
            if (!missing.isEmpty()) {
                problems.add("member " + m.listed() + " covers " + nm(lo) + "-" + nm(hi) + " nm but the grid ("
                        + settings.keys().get("grid") + ") " + nm(grid[0]) + "-" + nm(grid[grid.length - 1])
                        + " nm also needs " + String.join(" and ", missing) + " (no extrapolation): narrow the grid"
                        + " or leave the member out");
                continue;
            }
            try {
                out.add(new Planned(m, label(m, header)));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return out;
    }

    private CarbonLabel label(CollectionMember m, List<String> header) {
        String key = settings.keys().get("label-columns");
        if (m.labelColumn().isPresent()) {
            String column = m.labelColumn().get();
            if (!header.contains(column)) {
                throw new IllegalArgumentException("key '" + key + "': member " + m.listed() + " has no column '"
                        + column + "'; its carbon-like columns are " + CarbonLabel.candidates(header));
            }
            return carbon(m, column, key);
        }
        List<String> candidates = CarbonLabel.candidates(header);
        if (candidates.size() != 1) {
            throw new IllegalArgumentException("member " + m.listed() + ": " + (candidates.isEmpty()
                    ? "no column is named " + CarbonLabel.CONVENTION
                    : "several carbon label columns " + candidates) + "; name the label with " + key + "="
                    + m.name() + "=<column>");
        }
        return carbon(m, candidates.get(0), key);
    }

    private CarbonLabel carbon(CollectionMember m, String column, String key) {
        Optional<CarbonLabel> label = CarbonLabel.of(column, settings.somToSoc());
        return label.orElseThrow(() -> new IllegalArgumentException("key '" + key + "': member " + m.listed()
                + ": the unit of column '" + column + "' is unknown; its name must be " + CarbonLabel.CONVENTION));
    }

    private SpectralDataset read(Planned p) throws IOException {
        CollectionMember m = p.member();
        var layout = new CsvLayout(Optional.empty(), Optional.of(p.label().column()), p.label().scale(),
                Optional.empty(), Optional.empty(), List.of(), m.quantity(), settings.deadPixelFilter());
        SpectralDataset raw = new SpectraCsvReader(layout).read(m.file());
        for (int r = 0; r < raw.rows(); r++) {
            float soc = raw.soc(r);
            if (!Float.isNaN(soc) && !(soc >= 0 && soc <= 1)) {
                throw new DataFormatException(m.file(), "sample '" + raw.id(r) + "': label column '"
                        + p.label().column() + "' gives a SOC mass fraction of " + soc + ", outside 0..1");
            }
        }
        SpectralDataset resampled = SpectralOps.resample(raw, settings.grid());
        LOG.info("Collection member {}: {} spectra ({} labelled), label '{}' x {}{}, {} bands -> {}", m.name(),
                raw.rows(), raw.labelledCount(), p.label().column(), p.label().scale(),
                p.label().organic() ? " (organic matter to carbon)" : "", raw.bands(), resampled.bands());
        return resampled;
    }

    private SpectralDataset join(List<Planned> planned, List<SpectralDataset> parts) {
        int rows = parts.stream().mapToInt(SpectralDataset::rows).sum();
        int bands = settings.grid().length;
        float[] spectra = new float[rows * bands];
        float[] labels = new float[rows];
        String[] ids = new String[rows];
        String[] member = new String[rows];
        var files = new ArrayList<DatasetProvenance.FileDigest>();
        var facts = new LinkedHashMap<String, String>();
        facts.put("members", Integer.toString(parts.size()));
        facts.put("grid_nm", nm(settings.grid()[0]) + "-" + nm(settings.grid()[bands - 1]) + " x " + bands);
        int at = 0;
        for (int i = 0; i < parts.size(); i++) {
            SpectralDataset d = parts.get(i);
            Planned p = planned.get(i);
            String name = p.member().name();
            System.arraycopy(d.spectra(), 0, spectra, at * bands, d.rows() * bands);
            System.arraycopy(d.socLabels(), 0, labels, at, d.rows());
            for (int r = 0; r < d.rows(); r++) {
                // Member names keep ids apart: two files may both number their samples 1, 2, 3...
                ids[at + r] = name + "/" + d.id(r);
                member[at + r] = name;
            }
            at += d.rows();
            files.addAll(d.provenance().files());
            facts.put("member." + name + ".rows", Integer.toString(d.rows()));
            facts.put("member." + name + ".label", p.label().column() + " x " + p.label().scale());
            facts.put("member." + name + ".quantity", p.member().quantity().name().toLowerCase(Locale.ROOT));
        }
        Map<String, String[]> groups = new LinkedHashMap<>();
        groups.put(settings.groupColumn(), member);
        groups.put(SpectralDataset.PEDON, ids.clone());
        var data = new SpectralDataset(spectra, settings.grid().clone(), labels, ids, groups,
                new DatasetProvenance(CollectionDatasetFactory.NAME, files, facts));
        data.requireUniqueIds();
        return data;
    }

    private static String nm(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : String.format(Locale.ROOT, "%.2f", w);
    }

    @Override
    public String toString() {
        return "collection of " + Arrays.toString(settings.members().stream().map(CollectionMember::name).toArray());
    }
}
