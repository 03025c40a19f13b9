package org.specsoc.datasets.synthetic;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the generator makes.
 *
 * @param seed            master seed; same seed, same data
 * @param scale           fraction of the RaCA region sizes (0.1 for a quick start)
 * @param regionCount     how many of RaCA's regions (1..16, 18, in that order) to generate
 * @param gridStart       first wavelength (nm)
 * @param gridEnd         last wavelength (nm), inclusive when on the step
 * @param gridStep        spacing (nm)
 * @param oodRegions      regions whose mineralogy and SOC spectrum differ from the rest
 * @param noise           standard deviation of the additive Gaussian noise (reflectance units)
 * @param brightness      standard deviation of the multiplicative brightness scatter
 * @param intimate        weight of the nonlinear (intimate-mixing, bilinear) term; 0 = linear mixing
 * @param moisture        largest water mass fraction drawn per sample; 0 = dry
 * @param socRhoR         rho*r of SOC in ordinary regions
 * @param oodSocRhoR      rho*r of SOC in OOD regions
 * @param endmembersFile  a real spectral library to use instead of the analytic minerals
 */
public record SyntheticSettings(long seed, double scale, int regionCount, double gridStart, double gridEnd,
                                double gridStep, List<Integer> oodRegions, double noise, double brightness,
                                double intimate, double moisture, double socRhoR, double oodSocRhoR,
                                double socLevel, double socSpread, double dirichletScale,
                                Optional<Path> endmembersFile) {

    public static final List<Integer> DEFAULT_OOD = List.of(3, 5, 6, 8, 16, 18);
    /** Median surface SOC mass fraction of an ordinary region (OOD regions: twice that). */
    public static final double DEFAULT_SOC_LEVEL = 0.015;
    /** Standard deviation of log surface SOC between pedons of a region. */
    public static final double DEFAULT_SOC_SPREAD = 0.5;

    public SyntheticSettings {
        oodRegions = List.copyOf(oodRegions);
        if (!(gridEnd > gridStart) || !(gridStep > 0)) {
            throw new IllegalArgumentException("grid " + gridStart + ".." + gridEnd + " step " + gridStep
                    + " is empty");
        }
    }

    /** The RaCA-sized defaults: 23,550 spectra on 365..2500 nm at 1 nm. */
    public static SyntheticSettings defaults(long seed) {
        return new SyntheticSettings(seed, 1.0, 17, 365, 2500, 1, DEFAULT_OOD, 0.01, 0.05, 0.0, 0.0, 0.6, 0.9,
                DEFAULT_SOC_LEVEL, DEFAULT_SOC_SPREAD, 1.0, Optional.empty());
    }

    public SyntheticSettings withScale(double newScale) {
        return new SyntheticSettings(seed, newScale, regionCount, gridStart, gridEnd, gridStep, oodRegions, noise,
                brightness, intimate, moisture, socRhoR, oodSocRhoR, socLevel, socSpread, dirichletScale, endmembersFile);
    }

    public SyntheticSettings withGrid(double start, double end, double step) {
        return new SyntheticSettings(seed, scale, regionCount, start, end, step, oodRegions, noise, brightness,
                intimate, moisture, socRhoR, oodSocRhoR, socLevel, socSpread, dirichletScale, endmembersFile);
    }

    public SyntheticSettings withMixing(double newIntimate, double newMoisture) {
        return new SyntheticSettings(seed, scale, regionCount, gridStart, gridEnd, gridStep, oodRegions, noise,
                brightness, newIntimate, newMoisture, socRhoR, oodSocRhoR, socLevel, socSpread, dirichletScale, endmembersFile);
    }

    public SyntheticSettings withEndmembers(Path file) {
        return new SyntheticSettings(seed, scale, regionCount, gridStart, gridEnd, gridStep, oodRegions, noise,
                brightness, intimate, moisture, socRhoR, oodSocRhoR, socLevel, socSpread, dirichletScale, Optional.of(file));
    }

    /** The wavelength grid; the end is included when it lies on the step (within a micro-nanometre). */
    public double[] grid() {
        int n = (int) Math.floor((gridEnd - gridStart) / gridStep + 1e-6) + 1;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = gridStart + i * gridStep;
        }
        return g;
    }
}
