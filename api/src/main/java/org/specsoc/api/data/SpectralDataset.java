package org.specsoc.api.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Spectra as one contiguous row-major float32 matrix (rows = samples, columns = wavelengths), their
 * wavelength grid in nm, an SOC label per sample as a mass fraction ({@code NaN} = unlabelled: the spectrum
 * still serves the reconstruction loss), sample ids and named group columns (region, pedon, site, ...).
 * Immutable by contract: the arrays are never handed out for writing, and every derived data set copies.
 */
public final class SpectralDataset {
    public static final String REGION = "region";
    public static final String PEDON = "pedon";

    private final float[] spectra;
    private final int rows;
    private final double[] wavelengths;
    private final float[] soc;
    private final String[] ids;
    private final Map<String, String[]> groups;
    private final DatasetProvenance provenance;

    public SpectralDataset(float[] spectra, double[] wavelengths, float[] soc, String[] ids,
                           Map<String, String[]> groups, DatasetProvenance provenance) {
        this.wavelengths = Objects.requireNonNull(wavelengths, "wavelengths");
        this.rows = soc.length;
        if (spectra.length != (long) rows * wavelengths.length) {
            throw new IllegalArgumentException("spectra hold " + spectra.length + " values, expected " + rows + " x "
                    + wavelengths.length);
        }
        if (ids.length != rows) {
            throw new IllegalArgumentException(ids.length + " ids for " + rows + " spectra");
        }
        for (int i = 1; i < wavelengths.length; i++) {
            if (!(wavelengths[i] > wavelengths[i - 1])) {
                throw new IllegalArgumentException("wavelengths must increase: " + wavelengths[i - 1] + " then "
                        + wavelengths[i] + " at column " + i);
            }
        }
        var g = new LinkedHashMap<String, String[]>();
        groups.forEach((name, values) -> {
            if (values.length != rows) {
                throw new IllegalArgumentException("group '" + name + "' has " + values.length + " values for "
                        + rows + " spectra");
            }
            g.put(name, values);
        });
        this.spectra = spectra;
        this.soc = soc;
        this.ids = ids;
        this.groups = Collections.unmodifiableMap(g);
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    public int rows() {
        return rows;
    }

    public int bands() {
        return wavelengths.length;
    }

    /** The backing matrix. Read only: callers must not write into it. */
    public float[] spectra() {
        return spectra;
    }

    public float value(int row, int band) {
        return spectra[row * wavelengths.length + band];
    }

    /** A copy of one spectrum. */
    public float[] spectrum(int row) {
        int m = wavelengths.length;
        return Arrays.copyOfRange(spectra, row * m, row * m + m);
    }

    public double[] wavelengths() {
        return wavelengths.clone();
    }

    public double wavelength(int band) {
        return wavelengths[band];
    }

    /** SOC mass fraction of {@code row}, {@code NaN} when unlabelled. */
    public float soc(int row) {
        return soc[row];
    }

    /** Read only. */
    public float[] socLabels() {
        return soc;
    }

    public boolean labelled(int row) {
        return !Float.isNaN(soc[row]);
    }

    public int labelledCount() {
        int n = 0;
        for (float v : soc) {
            if (!Float.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    public String id(int row) {
        return ids[row];
    }

    public String[] ids() {
        return ids.clone();
    }

    public Map<String, String[]> groups() {
        return groups;
    }

    public boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    /** The group column {@code name}; throws naming the columns that exist when it is absent. */
    public String[] group(String name) {
        String[] g = groups.get(name);
        if (g == null) {
            throw new IllegalArgumentException("data set has no group column '" + name + "'; it has "
                    + groups.keySet());
        }
        return g;
    }

    public DatasetProvenance provenance() {
        return provenance;
    }

    /** The rows {@code index}, in that order, as a new data set. */
    public SpectralDataset subset(int[] index) {
        int m = wavelengths.length;
        float[] s = new float[index.length * m];
        float[] y = new float[index.length];
        String[] id = new String[index.length];
        var g = new LinkedHashMap<String, String[]>();
        groups.forEach((name, v) -> g.put(name, new String[index.length]));
        for (int i = 0; i < index.length; i++) {
            int r = index[i];
            System.arraycopy(spectra, r * m, s, i * m, m);
            y[i] = soc[r];
            id[i] = ids[r];
            for (var e : groups.entrySet()) {
                g.get(e.getKey())[i] = e.getValue()[r];
            }
        }
        return new SpectralDataset(s, wavelengths, y, id, g, provenance);
    }

    /** The same spectra with new labels (e.g. every label hidden: {@code NaN}). */
    public SpectralDataset withLabels(float[] labels) {
        return new SpectralDataset(spectra, wavelengths, labels.clone(), ids, groups, provenance);
    }

    /** The same samples with a new spectra matrix on a new grid (what preprocessing produces). */
    public SpectralDataset withSpectra(float[] newSpectra, double[] newWavelengths) {
        return new SpectralDataset(newSpectra, newWavelengths.clone(), soc, ids, groups, provenance);
    }

    /** Throws naming the first duplicated id. */
    public void requireUniqueIds() {
        var seen = new HashSet<String>();
        for (int i = 0; i < rows; i++) {
            if (!seen.add(ids[i])) {
                throw new IllegalArgumentException("duplicate sample id '" + ids[i] + "' at row " + i);
            }
        }
    }

    @Override
    public String toString() {
        return "SpectralDataset[" + rows + " x " + bands() + ", " + labelledCount() + " labelled, groups "
                + groups.keySet() + ", " + provenance.source() + "]";
    }
}
