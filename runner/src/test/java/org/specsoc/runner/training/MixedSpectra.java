package org.specsoc.runner.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.data.SpectralLibrary;

/**
 * Test data made by the linear-mixing model itself: smooth mineral endmembers with known rho*r, a planted SOC
 * spectrum and (rho r)_SOC, random mass fractions, spectra R = alpha . F (plus optional noise).
 */
final class MixedSpectra {
    final double[] wavelengths;
    final SpectralLibrary minerals;
    final float[] socSpectrum;
    final double socRhoR;

    MixedSpectra(int bands, int minerals, double socRhoR) {
        this.wavelengths = new double[bands];
        for (int b = 0; b < bands; b++) {
            wavelengths[b] = 400 + 10.0 * b;
        }
        var names = new ArrayList<String>();
        float[][] spectra = new float[minerals][bands];
        double[] rhoR = new double[minerals];
        for (int k = 0; k < minerals; k++) {
            names.add("mineral-" + k);
            rhoR[k] = 0.8 + 2.2 * k / Math.max(1, minerals - 1);
            for (int b = 0; b < bands; b++) {
                double t = (double) b / (bands - 1);
                double ramp = k % 2 == 0 ? t : 1 - t;
                spectra[k][b] = (float) (0.15 + 0.7 * ramp * (0.6 + 0.4 * Math.cos(3 * t * (k + 1))));
            }
        }
        this.minerals = new SpectralLibrary(names, wavelengths, spectra, rhoR, "test minerals");
        this.socSpectrum = new float[bands];
        for (int b = 0; b < bands; b++) {
            double t = (double) b / (bands - 1);
            // A dark, featured spectrum unlike the minerals: what the decoder must recover.
            socSpectrum[b] = (float) (0.1 + 0.25 * t + 0.15 * Math.sin(9 * t));
        }
        this.socRhoR = socRhoR;
    }

    int latent() {
        return minerals.size() + 1;
    }

    /**
     * {@code rows} mixtures with SOC mass fraction uniform in [0, maxSoc]; the first {@code unlabelled} rows carry
     * NaN labels.
     */
    SpectralDataset sample(int rows, double maxSoc, int unlabelled, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int k = latent();
        int m = wavelengths.length;
        float[] spectra = new float[rows * m];
        float[] soc = new float[rows];
        String[] ids = new String[rows];
        for (int i = 0; i < rows; i++) {
            double[] mass = new double[k];
            double s = 0;
            for (int j = 0; j < k - 1; j++) {
                mass[j] = -Math.log(1 - r.nextDouble());
                s += mass[j];
            }
            double socFraction = maxSoc * r.nextDouble();
            for (int j = 0; j < k - 1; j++) {
                mass[j] = mass[j] / s * (1 - socFraction);
            }
            mass[k - 1] = socFraction;
            double[] alpha = new double[k];
            double q = 0;
            for (int j = 0; j < k; j++) {
                alpha[j] = mass[j] / (j == k - 1 ? socRhoR : minerals.rhoR()[j]);
                q += alpha[j];
            }
            for (int b = 0; b < m; b++) {
                double v = 0;
                for (int j = 0; j < k; j++) {
                    v += alpha[j] / q * (j == k - 1 ? socSpectrum[b] : minerals.spectra()[j][b]);
                }
                spectra[i * m + b] = (float) (v + noise * r.nextGaussian());
            }
            soc[i] = i < unlabelled ? Float.NaN : (float) socFraction;
            ids[i] = "s" + i;
        }
        return new SpectralDataset(spectra, wavelengths, soc, ids, Map.of(), DatasetProvenance.of("mixed spectra"));
    }

    static double pearson(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    static List<String> names(int n) {
        var out = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            out.add("m" + i);
        }
        return out;
    }
}
