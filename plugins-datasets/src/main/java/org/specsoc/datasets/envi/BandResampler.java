package org.specsoc.datasets.envi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Moves spectra between a sensor's bands and a model's wavelength grid, in both directions, with the weights
 * computed once per pair of grids.
 *
 * <p><b>Sensor to model grid ({@link #toModelGrid}): linear interpolation.</b> The encoder needs a value at every
 * wavelength of its grid; a sensor band is a point sample of the spectrum at its centre, and linear
 * interpolation between neighbouring centres is what prospectr's {@code resample} and numpy {@code interp} do.
 * Bad bands ({@code bbl} = 0) are left out and interpolated across. Band centres need not be sorted or distinct
 * (EnMAP's and PRISMA's VNIR and SWIR detectors overlap): the good bands are sorted by centre and bands sharing
 * a centre are averaged. The model grid must lie inside what the sensor covers: from the lowest centre minus
 * half its FWHM to the highest centre plus half its FWHM (the centres themselves when there is no FWHM);
 * within that half band the outermost band's value is held. Anything wider is refused with
 * {@link SpectralCoverageException} naming the missing range: extrapolating a spectrum is not measuring it.
 *
 * <p><b>Model grid to sensor bands ({@link #toSensorBands}): the sensor's spectral response.</b> The decoder
 * reconstructs the spectrum at the model's fine grid (1 nm for the paper's model); to compare a reconstruction
 * with what the sensor measured, it is convolved with each band's Gaussian spectral response function
 * (sigma = FWHM / (2 sqrt(2 ln 2)), truncated at 3 sigma where 99.7 % of the response lies, trapezoid weights
 * for the grid spacing, normalised to one over the grid). Without FWHM in the header, or when a band is narrower than two model grid steps
 * (where a sampled Gaussian degenerates to a nearest-neighbour pick), the reconstruction is linearly
 * interpolated at the band centre. Only good bands whose centre lies on the model grid can be compared
 * ({@link #comparableBands()}); a band whose response is cut by the grid's end is normalised over the part on
 * the grid.
 *
 * <p>In {@code specsoc predict} on an image: each pixel goes sensor to model grid for the encoder; when the
 * model reconstructs reflectance, the reconstruction MRMSE is computed at the comparable sensor bands between
 * the measured values and the reconstruction brought to those bands, which is what the sensor would have
 * recorded for the reconstructed spectrum.
 */
public final class BandResampler {
    /** FWHM = 2 sqrt(2 ln 2) sigma. */
    private static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));
    private static final double TRUNCATION_SIGMAS = 3;

    private final int sensorBands;
    private final double[] modelGrid;
    private final SparseRows toModel;
    private final SparseRows toSensor;
    private final int[] comparable;
    private final boolean gaussian;

    private BandResampler(int sensorBands, double[] modelGrid, SparseRows toModel, SparseRows toSensor,
                          int[] comparable, boolean gaussian) {
        this.sensorBands = sensorBands;
        this.modelGrid = modelGrid;
        this.toModel = toModel;
        this.toSensor = toSensor;
        this.comparable = comparable;
        this.gaussian = gaussian;
    }

    /**
     * The resampling between a sensor and a model grid.
     *
     * @param centres   band centres, nm, in file order
     * @param fwhm      band full widths at half maximum, nm, in file order; empty when unknown
     * @param goodBands {@code bbl}: usable bands; empty when all are
     * @param modelGrid the model's wavelengths, nm, increasing
     * @param source    what the bands belong to, for messages (e.g. the header file)
     * @throws SpectralCoverageException when the good bands do not cover the model grid
     */
    public static BandResampler between(double[] centres, double[] fwhm, boolean[] goodBands, double[] modelGrid,
                                        String source) {
        requireIncreasing(modelGrid, "model grid");
        if (fwhm.length != 0 && fwhm.length != centres.length) {
            throw new IllegalArgumentException(fwhm.length + " FWHM values for " + centres.length + " bands");
        }
        if (goodBands.length != 0 && goodBands.length != centres.length) {
            throw new IllegalArgumentException(goodBands.length + " bbl values for " + centres.length + " bands");
        }
        List<Node> nodes = nodes(centres, fwhm, goodBands);
        if (nodes.size() < 2) {
            throw new SpectralCoverageException(source + " has " + nodes.size()
                    + " usable band(s) with a wavelength; at least two are needed to resample to the model grid");
        }
        SparseRows toModel = linear(nodes, modelGrid, source);
        var builder = new SparseRows.Builder();
        var comparable = new ArrayList<Integer>();
        boolean anyGaussian = false;
        for (int b = 0; b < centres.length; b++) {
            boolean good = goodBands.length == 0 || goodBands[b];
            double c = centres[b];
            if (!good || !(c >= modelGrid[0] && c <= modelGrid[modelGrid.length - 1])) {
                continue;
            }
            comparable.add(b);
            anyGaussian |= responseAt(modelGrid, c, fwhm.length == 0 ? Double.NaN : fwhm[b], builder);
        }
        return new BandResampler(centres.length, modelGrid.clone(), toModel, builder.build(),
                comparable.stream().mapToInt(Integer::intValue).toArray(), anyGaussian);
    }

    /** Number of bands a sensor spectrum has (the stride of pixel-major sensor data). */
    public int sensorBands() {
        return sensorBands;
    }

    public double[] modelGrid() {
        return modelGrid.clone();
    }

    public int modelBands() {
        return modelGrid.length;
    }

    /** The sensor bands (file indices) a reconstruction can be compared at, increasing. */
    public int[] comparableBands() {
        return comparable.clone();
    }

    /** Whether at least one comparable band uses a Gaussian response (false: all linear). */
    public boolean usesGaussianResponse() {
        return gaussian;
    }

    /** One sensor spectrum (all its bands, from {@code sensorOffset}) to the model grid (at {@code modelOffset}). */
    public void toModelGrid(float[] sensor, int sensorOffset, float[] model, int modelOffset) {
        toModel.apply(sensor, sensorOffset, model, modelOffset);
    }

    /**
     * One model-grid spectrum to the comparable sensor bands: {@code comparableBands().length} values written
     * from {@code outOffset}, in the order of {@link #comparableBands()}.
     */
    public void toSensorBands(float[] model, int modelOffset, float[] out, int outOffset) {
        toSensor.apply(model, modelOffset, out, outOffset);
    }

    // ------------------------------------------------------------------------------------ pure functions

    /**
     * Linear interpolation of {@code values} on {@code sourceGrid} (any order, repeated points averaged) at
     * {@code targetGrid} (increasing), which the source grid must cover.
     */
    public static double[] interpolate(double[] sourceGrid, double[] values, double[] targetGrid) {
        if (values.length != sourceGrid.length) {
            throw new IllegalArgumentException(values.length + " values for " + sourceGrid.length + " wavelengths");
        }
        requireIncreasing(targetGrid, "target grid");
        return linear(nodes(sourceGrid, new double[0], new boolean[0]), targetGrid, "source grid").apply(values);
    }

    /**
     * What a sensor with the given band centres and FWHM would record for {@code spectrum} on
     * {@code modelGrid}: the Gaussian-response convolution described in the class comment ({@code fwhm} empty
     * or {@code null}: linear interpolation at the centres). {@code NaN} for a centre off the grid.
     */
    public static double[] convolveToBands(double[] modelGrid, double[] spectrum, double[] centres, double[] fwhm) {
        requireIncreasing(modelGrid, "model grid");
        if (spectrum.length != modelGrid.length) {
            throw new IllegalArgumentException(spectrum.length + " values for " + modelGrid.length + " wavelengths");
        }
        double[] out = new double[centres.length];
        for (int b = 0; b < centres.length; b++) {
            double c = centres[b];
            if (!(c >= modelGrid[0] && c <= modelGrid[modelGrid.length - 1])) {
                out[b] = Double.NaN;
                continue;
            }
            var builder = new SparseRows.Builder();
            responseAt(modelGrid, c, fwhm == null || fwhm.length == 0 ? Double.NaN : fwhm[b], builder);
            out[b] = builder.build().apply(spectrum)[0];
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ weights

    /** Sensor bands sharing a centre, and how far beyond the centre the band still measures. */
    private record Node(double centre, int[] bands, double halfWidth) {
    }

    private static List<Node> nodes(double[] centres, double[] fwhm, boolean[] good) {
        Integer[] order = new Integer[centres.length];
        int n = 0;
        for (int b = 0; b < centres.length; b++) {
            if ((good.length == 0 || good[b]) && Double.isFinite(centres[b])) {
                order[n++] = b;
            }
        }
        Integer[] usable = Arrays.copyOf(order, n);
        Arrays.sort(usable, Comparator.comparingDouble(b -> centres[b]));
        var nodes = new ArrayList<Node>();
        int i = 0;
        while (i < usable.length) {
            int j = i;
            double half = 0;
            while (j < usable.length && centres[usable[j]] == centres[usable[i]]) {
                if (fwhm.length != 0 && fwhm[usable[j]] > 0) {
                    half = Math.max(half, fwhm[usable[j]] / 2);
                }
                j++;
            }
            int[] bands = new int[j - i];
            for (int k = i; k < j; k++) {
                bands[k - i] = usable[k];
            }
            nodes.add(new Node(centres[usable[i]], bands, half));
            i = j;
        }
        return nodes;
    }

    private static SparseRows linear(List<Node> nodes, double[] target, String source) {
        Node first = nodes.get(0);
        Node last = nodes.get(nodes.size() - 1);
        double low = first.centre() - first.halfWidth();
        double high = last.centre() + last.halfWidth();
        double need0 = target[0];
        double need1 = target[target.length - 1];
        if (need0 < low || need1 > high) {
            var missing = new ArrayList<String>();
            if (need0 < low) {
                missing.add(nm(need0) + "\u2013" + nm(Math.min(low, need1)) + " nm");
            }
            if (need1 > high) {
                missing.add(nm(Math.max(high, need0)) + "\u2013" + nm(need1) + " nm");
            }
            throw new SpectralCoverageException(source + " covers " + nm(low) + "\u2013" + nm(high)
                    + " nm but the model needs " + nm(need0) + "\u2013" + nm(need1) + " nm (missing "
                    + String.join(" and ", missing) + ")");
        }
        var builder = new SparseRows.Builder();
        int k = 0;
        for (double w : target) {
            if (w <= first.centre()) {
                addNode(builder, first, 1);
            } else if (w >= last.centre()) {
                addNode(builder, last, 1);
            } else {
                while (nodes.get(k + 1).centre() < w) {
                    k++;
                }
                Node a = nodes.get(k);
                Node b = nodes.get(k + 1);
                double t = (w - a.centre()) / (b.centre() - a.centre());
                addNode(builder, a, 1 - t);
                addNode(builder, b, t);
            }
            builder.endRow(false);
        }
        return builder.build();
    }

    private static void addNode(SparseRows.Builder builder, Node node, double weight) {
        for (int band : node.bands()) {
            builder.add(band, weight / node.bands().length);
        }
    }

    /**
     * Adds one row: the weights over the model grid that give a band centred at {@code c}. Returns whether the
     * Gaussian response was used.
     */
    private static boolean responseAt(double[] grid, double c, double fwhm, SparseRows.Builder builder) {
        int m = grid.length;
        int k = Arrays.binarySearch(grid, c);
        int lo = k >= 0 ? k : -k - 2;
        lo = Math.max(0, Math.min(lo, m - 2));
        double step = grid[lo + 1] - grid[lo];
        if (Double.isFinite(fwhm) && fwhm >= 2 * step) {
            double sigma = fwhm / FWHM_PER_SIGMA;
            double reach = TRUNCATION_SIGMAS * sigma;
            int from = lo;
            while (from > 0 && grid[from - 1] >= c - reach) {
                from--;
            }
            int to = lo + 1;
            while (to < m - 1 && grid[to + 1] <= c + reach) {
                to++;
            }
            for (int j = from; j <= to; j++) {
                double left = j > 0 ? grid[j] - grid[j - 1] : 0;
                double right = j < m - 1 ? grid[j + 1] - grid[j] : 0;
                double z = (grid[j] - c) / sigma;
                builder.add(j, Math.exp(-0.5 * z * z) * (left + right) / 2);
            }
            builder.endRow(true);
            return true;
        }
        double t = (c - grid[lo]) / step;
        builder.add(lo, 1 - t);
        builder.add(lo + 1, t);
        builder.endRow(false);
        return false;
    }

    private static void requireIncreasing(double[] grid, String what) {
        if (grid.length < 2) {
            throw new IllegalArgumentException(what + " needs at least two wavelengths, has " + grid.length);
        }
        for (int i = 1; i < grid.length; i++) {
            if (!(grid[i] > grid[i - 1])) {
                throw new IllegalArgumentException(what + " must increase: " + grid[i - 1] + " then " + grid[i]
                        + " at index " + i);
            }
        }
    }

    private static String nm(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
