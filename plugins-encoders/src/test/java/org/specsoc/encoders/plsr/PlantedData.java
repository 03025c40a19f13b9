package org.specsoc.encoders.plsr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.plugin.RandomStreams;

/** Small data sets with a known relation between spectra and SOC, and encoders on the reference backend. */
final class PlantedData {
    private PlantedData() {
    }

    static double[] grid(int bands) {
        double[] w = new double[bands];
        for (int j = 0; j < bands; j++) {
            w[j] = 400 + 10 * j;
        }
        return w;
    }

    static PlsrEncoder encoder(PlsrSettings settings, int bands) {
        return new PlsrEncoder(settings, new ReferenceBackend(), new RandomStreams(7), new ModelShape(grid(bands), 2));
    }

    static SpectralDataset dataset(float[] x, int bands, float[] y, Map<String, String[]> groups) {
        String[] ids = new String[y.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "s" + i;
        }
        return new SpectralDataset(x, grid(bands), y, ids, groups, DatasetProvenance.of("planted"));
    }

    /** Uniform reflectance-like values in [0.1, 0.6). */
    static float[] uniform(int rows, int bands, SplittableRandom rnd) {
        float[] x = new float[rows * bands];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.1 + 0.5 * rnd.nextDouble());
        }
        return x;
    }

    /** y = intercept + x . b, in double then rounded to float. */
    static float[] linear(float[] x, int bands, double intercept, double[] b) {
        int rows = x.length / bands;
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            double s = intercept;
            for (int j = 0; j < bands; j++) {
                s += x[i * bands + j] * b[j];
            }
            y[i] = (float) s;
        }
        return y;
    }

    /** Group values "g0", "g1", ... with {@code perGroup} consecutive rows each. */
    static String[] blocks(int rows, int perGroup, String prefix) {
        String[] g = new String[rows];
        for (int i = 0; i < rows; i++) {
            g[i] = prefix + (i / perGroup);
        }
        return g;
    }

    static Map<String, String[]> groups(String name, String[] values) {
        var m = new LinkedHashMap<String, String[]>();
        m.put(name, values);
        return m;
    }

    /**
     * A rank-{@code rank} signal plus small noise: x = 0.3 + F L + noiseX, SOC = 0.02 + F c + noiseY, with
     * latent factors F (rows x rank) and loadings L (rank x bands).
     */
    static SpectralDataset lowRank(int rows, int bands, int rank, double noiseX, double noiseY, long seed,
                                   Map<String, String[]> groups) {
        var rnd = new SplittableRandom(seed);
        double[][] loadings = new double[rank][bands];
        for (double[] l : loadings) {
            for (int j = 0; j < bands; j++) {
                l[j] = rnd.nextGaussian() * 0.1;
            }
        }
        double[] c = new double[rank];
        for (int k = 0; k < rank; k++) {
            c[k] = 0.01 * (1 + rnd.nextDouble());
        }
        float[] x = new float[rows * bands];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            double[] f = new double[rank];
            double soc = 0.02;
            for (int k = 0; k < rank; k++) {
                f[k] = rnd.nextGaussian();
                soc += f[k] * c[k];
            }
            for (int j = 0; j < bands; j++) {
                double v = 0.3 + noiseX * rnd.nextGaussian();
                for (int k = 0; k < rank; k++) {
                    v += f[k] * loadings[k][j];
                }
                x[i * bands + j] = (float) v;
            }
            y[i] = (float) (soc + noiseY * rnd.nextGaussian());
        }
        return dataset(x, bands, y, groups);
    }
}
