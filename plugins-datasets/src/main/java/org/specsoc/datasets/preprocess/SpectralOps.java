package org.specsoc.datasets.preprocess;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.csv.SpectralQuantity;
import org.specsoc.datasets.envi.BandResampler;
import org.specsoc.datasets.envi.SpectralCoverageException;

/** The pure functions behind the preprocessing steps; each returns a new data set. */
public final class SpectralOps {
    private static final Logger LOG = LoggerFactory.getLogger(SpectralOps.class);

    private SpectralOps() {
    }

    /** Keeps the bands with min <= wavelength <= max. */
    public static SpectralDataset cut(SpectralDataset d, double min, double max) {
        double[] wl = d.wavelengths();
        int from = 0;
        while (from < wl.length && wl[from] < min) {
            from++;
        }
        int to = wl.length;
        while (to > from && wl[to - 1] > max) {
            to--;
        }
        if (to - from < 1) {
            throw new SpectralCoverageException("cutting to " + min + ".." + max + " nm leaves no band; the data cover "
                    + wl[0] + ".." + wl[wl.length - 1] + " nm");
        }
        int m = d.bands();
        int k = to - from;
        float[] out = new float[d.rows() * k];
        float[] s = d.spectra();
        for (int r = 0; r < d.rows(); r++) {
            System.arraycopy(s, r * m + from, out, r * k, k);
        }
        return d.withSpectra(out, Arrays.copyOfRange(wl, from, to));
    }

    /** Linear interpolation onto {@code grid}; a grid outside the data's range fails naming the missing range. */
    public static SpectralDataset resample(SpectralDataset d, double[] grid) {
        double[] wl = d.wavelengths();
        if (Arrays.equals(wl, grid)) {
            return d;
        }
        if (grid[0] < wl[0] || grid[grid.length - 1] > wl[wl.length - 1]) {
            String missing = grid[0] < wl[0] ? grid[0] + ".." + wl[0]
                    : wl[wl.length - 1] + ".." + grid[grid.length - 1];
            throw new SpectralCoverageException("the data cover " + wl[0] + ".." + wl[wl.length - 1]
                    + " nm; the target grid " + grid[0] + ".." + grid[grid.length - 1] + " nm needs " + missing
                    + " nm too (no extrapolation)");
        }
        var resampler = BandResampler.between(wl, new double[0], new boolean[0], grid, "data set");
        int m = d.bands();
        int k = grid.length;
        float[] out = new float[d.rows() * k];
        float[] s = d.spectra();
        IntStream.range(0, d.rows()).parallel().forEach(r -> resampler.toModelGrid(s, r * m, out, r * k));
        return d.withSpectra(out, grid);
    }

    public static SpectralDataset toAbsorbance(SpectralDataset d) {
        float[] s = d.spectra().clone();
        SpectralQuantity.reflectanceToAbsorbance(s, d.bands());
        return d.withSpectra(s, d.wavelengths());
    }

    public static SpectralDataset toReflectance(SpectralDataset d) {
        float[] s = d.spectra().clone();
        SpectralQuantity.absorbanceToReflectance(s, d.bands());
        return d.withSpectra(s, d.wavelengths());
    }

    /** Drops spectra with any value below 0, above 1 or NaN, logging how many. */
    public static SpectralDataset dropDeadPixels(SpectralDataset d) {
        int m = d.bands();
        float[] s = d.spectra();
        int[] keep = IntStream.range(0, d.rows()).filter(r -> {
            for (int i = r * m, end = i + m; i < end; i++) {
                if (!(s[i] >= 0f && s[i] <= 1f)) {
                    return false;
                }
            }
            return true;
        }).toArray();
        if (keep.length == d.rows()) {
            return d;
        }
        LOG.info("dead-pixel filter dropped {} of {} spectra (a value < 0, > 1 or NaN)", d.rows() - keep.length,
                d.rows());
        return d.subset(keep);
    }

    /** Standard normal variate: each spectrum minus its mean, divided by its standard deviation (n - 1). */
    public static SpectralDataset snv(SpectralDataset d) {
        int m = d.bands();
        float[] s = d.spectra();
        float[] out = new float[s.length];
        IntStream.range(0, d.rows()).parallel().forEach(r -> {
            int off = r * m;
            double mean = 0;
            for (int b = 0; b < m; b++) {
                mean += s[off + b];
            }
            mean /= m;
            double ss = 0;
            for (int b = 0; b < m; b++) {
                double x = s[off + b] - mean;
                ss += x * x;
            }
            double sd = m > 1 ? Math.sqrt(ss / (m - 1)) : 0;
            double inv = sd > 0 ? 1 / sd : 0;
            for (int b = 0; b < m; b++) {
                out[off + b] = (float) ((s[off + b] - mean) * inv);
            }
        });
        return d.withSpectra(out, d.wavelengths());
    }

    /**
     * Savitzky-Golay filter as prospectr's {@code savitzkyGolay(X, m, p, w)}: convolution with the least-squares
     * polynomial coefficients; the (w - 1) / 2 bands at each end, where the window does not fit, are dropped;
     * derivatives are per band (divide by the band spacing^m for per-nm units).
     */
    public static SpectralDataset savitzkyGolay(SpectralDataset d, int m, int p, int w) {
        double[] c = savitzkyGolayCoefficients(m, p, w);
        int h = w / 2;
        int bands = d.bands();
        if (bands < w) {
            throw new IllegalArgumentException("Savitzky-Golay window " + w + " is wider than the " + bands + " bands");
        }
        int k = bands - 2 * h;
        float[] s = d.spectra();
        float[] out = new float[d.rows() * k];
        IntStream.range(0, d.rows()).parallel().forEach(r -> {
            int in = r * bands;
            int o = r * k;
            for (int j = 0; j < k; j++) {
                double acc = 0;
                for (int t = 0; t < w; t++) {
                    acc += c[t] * s[in + j + t];
                }
                out[o + j] = (float) acc;
            }
        });
        return d.withSpectra(out, Arrays.copyOfRange(d.wavelengths(), h, h + k));
    }

    /**
     * Convolution coefficients for derivative {@code m} of a degree-{@code p} polynomial fitted over an odd window
     * {@code w}: row m of (A^T A)^-1 A^T times m!, with A[j][k] = j^k for j = -h..h.
     */
    public static double[] savitzkyGolayCoefficients(int m, int p, int w) {
        if (w < 3 || w % 2 == 0) {
            throw new IllegalArgumentException("Savitzky-Golay window w must be odd and at least 3, got " + w);
        }
        if (p < m || p >= w) {
            throw new IllegalArgumentException("Savitzky-Golay needs m <= p < w, got m=" + m + " p=" + p + " w=" + w);
        }
        int h = w / 2;
        int n = p + 1;
        double[][] ata = new double[n][n];
        for (int j = -h; j <= h; j++) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    ata[a][b] += Math.pow(j, a + b);
                }
            }
        }
        // Solve (A^T A) x = e_m; then coefficient_j = m! * sum_k x_k j^k.
        double[] e = new double[n];
        e[m] = 1;
        double[] x = solve(ata, e);
        double factorial = 1;
        for (int i = 2; i <= m; i++) {
            factorial *= i;
        }
        double[] c = new double[w];
        for (int j = -h; j <= h; j++) {
            double v = 0;
            for (int k = 0; k < n; k++) {
                v += x[k] * Math.pow(j, k);
            }
            c[j + h] = factorial * v;
        }
        return c;
    }

    /** Gaussian elimination with partial pivoting on a small dense system. */
    private static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        double[] b = b0.clone();
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[r][k] -= f * a[col][k];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double v = b[r];
            for (int k = r + 1; k < n; k++) {
                v -= a[r][k] * x[k];
            }
            x[r] = v / a[r][r];
        }
        return x;
    }
}
