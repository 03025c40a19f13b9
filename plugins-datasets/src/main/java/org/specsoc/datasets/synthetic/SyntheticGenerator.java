package org.specsoc.datasets.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.plugin.RandomStreams;

/**
 * A RaCA-shaped synthetic data set. Per region a Dirichlet over the minerals (concentrations of the catalogue
 * perturbed per region; OOD regions heavily enriched in carbonates, gypsum, chlorite and hematite) and a
 * log-normal SOC level; pedons of 3 to 5 depth samples whose SOC falls with depth. Mass fractions become areal
 * fractions through rho*r (f_i proportional to m_i / (rho*r)_i, the paper's mixing model), the spectrum is the
 * areal-weighted sum of endmembers (plus an optional bilinear intimate-mixing term and water darkening), times
 * a brightness factor, plus Gaussian noise. OOD regions also use a different SOC spectrum and rho*r, so a model
 * fitted on the other regions reads their SOC wrongly: leave-one-region-out fails there, as in the paper.
 *
 * <p>Deterministic: one random stream per region (from {@link RandomStreams}) draws every sample parameter and
 * a seed per sample for its noise, so the spectra do not depend on thread scheduling.
 */
public final class SyntheticGenerator {
    /** RaCA region ids in order; 17 does not exist. */
    public static final List<Integer> RACA_REGIONS = List.copyOf(RacaRegionSizes.LABELLED.keySet());

    /** Strength of water darkening per unit water fraction, on the relative absorption shape. */
    private static final double WATER_STRENGTH = 3.0;
    private static final float FLOOR = 0.0005f;
    private static final float CEILING = 0.9995f;

    private final SyntheticSettings settings;
    private final SpectralLibrary minerals;
    private final double[] concentrations;

    /** Generator on the analytic mineral catalogue. */
    public SyntheticGenerator(SyntheticSettings settings) {
        this(settings, analyticLibrary(settings.grid()), catalogueConcentrations());
    }

    /**
     * Generator on a given mineral library (already on the settings' grid); minerals without a rho*r get the mean
     * of the others, and every mineral the same Dirichlet concentration.
     */
    public static SyntheticGenerator withLibrary(SyntheticSettings settings, SpectralLibrary library) {
        double[] grid = settings.grid();
        if (!Arrays.equals(library.wavelengths(), grid)) {
            throw new IllegalArgumentException("library " + library.source() + " is not on the generator grid");
        }
        double known = Arrays.stream(library.rhoR()).filter(Double::isFinite).average().orElse(1.5);
        double[] rhoR = Arrays.stream(library.rhoR()).map(v -> Double.isFinite(v) && v > 0 ? v : known).toArray();
        var lib = new SpectralLibrary(library.names(), grid, library.spectra(), rhoR, library.source());
        double[] alpha = new double[lib.size()];
        Arrays.fill(alpha, 1.0);
        return new SyntheticGenerator(settings, lib, alpha);
    }

    private SyntheticGenerator(SyntheticSettings settings, SpectralLibrary minerals, double[] concentrations) {
        this.settings = settings;
        this.minerals = minerals;
        this.concentrations = concentrations;
        if (settings.regionCount() < 1 || settings.regionCount() > RACA_REGIONS.size()) {
            throw new IllegalArgumentException("region count must lie in [1, " + RACA_REGIONS.size() + "], got "
                    + settings.regionCount());
        }
    }

    /** The analytic minerals sampled on {@code grid}. */
    public static SpectralLibrary analyticLibrary(double[] grid) {
        var names = new ArrayList<String>();
        float[][] spectra = new float[MineralCatalogue.MINERALS.size()][];
        double[] rhoR = new double[spectra.length];
        for (int i = 0; i < spectra.length; i++) {
            var m = MineralCatalogue.MINERALS.get(i);
            names.add(m.name());
            spectra[i] = m.spectrum().sample(grid);
            rhoR[i] = m.rhoR();
        }
        return new SpectralLibrary(names, grid.clone(), spectra, rhoR, "synthetic analytic minerals");
    }

    private static double[] catalogueConcentrations() {
        return MineralCatalogue.MINERALS.stream().mapToDouble(MineralCatalogue.Endmember::concentration).toArray();
    }

    public SpectralLibrary minerals() {
        return minerals;
    }

    /** The generated data set and what was planted in it. */
    public record Result(SpectralDataset dataset, SyntheticTruth truth) {
    }

    public Result generate() {
        double[] grid = settings.grid();
        int m = grid.length;
        int k = minerals.size();
        var streams = new RandomStreams(settings.seed());
        Set<Integer> ood = new HashSet<>(settings.oodRegions());
        List<Integer> regions = RACA_REGIONS.subList(0, settings.regionCount());

        var samples = new ArrayList<Sample>();
        Map<Integer, float[]> oodSoc = new LinkedHashMap<>();
        Map<Integer, Double> oodRhoR = new LinkedHashMap<>();
        for (int region : regions) {
            SplittableRandom r = streams.stream("region-" + region);
            boolean isOod = ood.contains(region);
            double[] alpha = regionConcentrations(r, isOod);
            // OOD regions are also richer in SOC (organic soils), which a model fitted elsewhere under-predicts.
            double socLevel = Math.log(isOod ? 0.03 : 0.015) + 0.35 * r.nextGaussian();
            if (isOod) {
                oodSoc.put(region, oodSocSpectrum(r, grid));
                oodRhoR.put(region, settings.oodSocRhoR() * Math.exp(0.3 * r.nextGaussian()));
            }
            int n = Math.max(3, (int) Math.round(settings.scale() * RacaRegionSizes.LABELLED.get(region)));
            int count = 0;
            for (int pedon = 0; count < n; pedon++) {
                int depths = Math.min(3 + r.nextInt(3), n - count);
                double surface = Math.exp(socLevel + 0.5 * r.nextGaussian());
                for (int d = 0; d < depths; d++) {
                    double soc = clamp(surface * Math.exp(-0.5 * d + 0.1 * r.nextGaussian()), 0.0005, 0.45);
                    double[] mass = new double[k + 1];
                    double[] mineral = Gamma.dirichlet(alpha, r);
                    for (int i = 0; i < k; i++) {
                        mass[i] = mineral[i] * (1 - soc);
                    }
                    mass[k] = soc;
                    double water = settings.moisture() * r.nextDouble();
                    double bright = Math.exp(settings.brightness() * r.nextGaussian());
                    samples.add(new Sample(region, isOod, String.format("r%02d-p%04d", region, pedon), d, mass, water,
                            bright, r.nextLong()));
                    count++;
                }
            }
        }

        int rows = samples.size();
        float[] spectra = new float[rows * m];
        float[] soc = new float[rows];
        String[] ids = new String[rows];
        String[] regionCol = new String[rows];
        String[] pedonCol = new String[rows];
        String[] depthCol = new String[rows];
        float[] mass = new float[rows * (k + 1)];
        float[] socAreal = new float[rows];
        float[] socRhoR = new float[rows];
        float[] water = new float[rows];
        float[] socSpectrum = MineralCatalogue.SOC.sample(grid);
        float[] waterShape = MineralCatalogue.WATER_ABSORPTION.sample(grid);
        float[][] endmembers = minerals.spectra();
        double[] rhoR = minerals.rhoR();

        IntStream.range(0, rows).parallel().forEach(row -> {
            Sample s = samples.get(row);
            double socRr = s.ood ? oodRhoR.get(s.region) : settings.socRhoR();
            double[] areal = new double[k + 1];
            double total = 0;
            for (int i = 0; i < k; i++) {
                areal[i] = s.mass[i] / rhoR[i];
                total += areal[i];
            }
            areal[k] = s.mass[k] / socRr;
            total += areal[k];
            for (int i = 0; i <= k; i++) {
                areal[i] /= total;
            }
            float[] socEm = s.ood ? oodSoc.get(s.region) : socSpectrum;
            var noise = new SplittableRandom(s.noiseSeed);
            int off = row * m;
            for (int b = 0; b < m; b++) {
                double linear = 0;
                double squares = 0;
                for (int i = 0; i < k; i++) {
                    double c = areal[i] * endmembers[i][b];
                    linear += c;
                    squares += c * c;
                }
                double c = areal[k] * socEm[b];
                linear += c;
                squares += c * c;
                // Bilinear (Fan) term: sum over pairs i<j of f_i f_j R_i R_j = (linear^2 - squares) / 2.
                double value = linear + settings.intimate() * 0.5 * (linear * linear - squares);
                if (s.water > 0) {
                    value *= Math.exp(-WATER_STRENGTH * s.water * waterShape[b]);
                }
                value = value * s.brightness + settings.noise() * noise.nextGaussian();
                spectra[off + b] = Math.min(CEILING, Math.max(FLOOR, (float) value));
            }
            soc[row] = (float) s.mass[k];
            ids[row] = String.format("s%06d", row + 1);
            regionCol[row] = Integer.toString(s.region);
            pedonCol[row] = s.pedon;
            depthCol[row] = Integer.toString(s.depth);
            for (int i = 0; i <= k; i++) {
                mass[row * (k + 1) + i] = (float) s.mass[i];
            }
            socAreal[row] = (float) areal[k];
            socRhoR[row] = (float) socRr;
            water[row] = (float) s.water;
        });

        Map<String, String[]> groups = new LinkedHashMap<>();
        groups.put(SpectralDataset.REGION, regionCol);
        groups.put(SpectralDataset.PEDON, pedonCol);
        groups.put("depth", depthCol);
        var facts = new LinkedHashMap<String, String>();
        facts.put("seed", Long.toString(settings.seed()));
        facts.put("scale", Double.toString(settings.scale()));
        facts.put("ood_regions", settings.oodRegions().toString());
        facts.put("endmembers", minerals.source());
        var dataset = new SpectralDataset(spectra, grid, soc, ids, groups,
                new DatasetProvenance("synthetic", List.of(), facts));
        var truth = new SyntheticTruth(minerals, socSpectrum, Map.copyOf(oodSoc), ids.clone(), mass, socAreal, socRhoR,
                water, settings.oodRegions(), settings);
        return new Result(dataset, truth);
    }

    /**
     * Each OOD region's own organic matter: the OOD SOC shape with a region-specific brightness and slope, so
     * that no other region teaches a model what this region's SOC looks like.
     */
    private static float[] oodSocSpectrum(SplittableRandom r, double[] grid) {
        float[] base = MineralCatalogue.SOC_OOD.sample(grid);
        double gain = Math.exp(0.3 * r.nextGaussian());
        double tilt = 0.5 * r.nextGaussian();
        float[] out = new float[grid.length];
        for (int b = 0; b < grid.length; b++) {
            double t = (grid[b] - grid[0]) / Math.max(1e-9, grid[grid.length - 1] - grid[0]);
            out[b] = (float) Math.min(0.6, base[b] * gain * Math.exp(tilt * (t - 0.5)));
        }
        return out;
    }

    private double[] regionConcentrations(SplittableRandom r, boolean isOod) {
        double[] alpha = new double[concentrations.length];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = concentrations[i] * Math.exp(0.4 * r.nextGaussian());
        }
        if (isOod) {
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < minerals.size(); i++) {
                if (MineralCatalogue.OOD_RICH.contains(minerals.names().get(i))) {
                    candidates.add(i);
                }
            }
            // Two of the unusual minerals, chosen per region, so OOD regions also differ from one another.
            List<Integer> rich = new ArrayList<>();
            for (int j = 0; j < 2 && !candidates.isEmpty(); j++) {
                rich.add(candidates.remove(r.nextInt(candidates.size())));
            }
            if (rich.isEmpty()) {
                // A real library: enrich three minerals chosen by the region's stream.
                for (int j = 0; j < 3; j++) {
                    rich.add(r.nextInt(minerals.size()));
                }
            }
            for (int i : rich) {
                alpha[i] = Math.max(alpha[i], 0.5) * 10;
            }
        }
        return alpha;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private record Sample(int region, boolean ood, String pedon, int depth, double[] mass, double water,
                          double brightness, long noiseSeed) {
    }
}
