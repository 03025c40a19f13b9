package org.specsoc.datasets.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigType;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.PluginContext;
import org.specsoc.datasets.preprocess.LibraryResampling;

/** {@code dataset.type=synthetic}: the embedded RaCA-like generator. */
public final class SyntheticDatasetFactory implements DatasetFactory {

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public String description() {
        return "RaCA-shaped synthetic soil spectra: analytic minerals + SOC, Dirichlet mixtures per region, "
                + "pedons, OOD regions; no data file needed";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder()
                .longValue("seed", 20240208L, "seed of every random draw of the generator")
                .number("scale", 1.0, 1e-4, 10.0, "fraction of the RaCA region sizes (1 = 23,550 spectra)")
                .integer("region-count", 17, 1, 17, "how many RaCA regions (1..16, 18 in that order)")
                .number("grid.start", 365, 1.0, null, "first wavelength, nm")
                .number("grid.end", 2500, 1.0, null, "last wavelength, nm")
                .number("grid.step", 1, 1e-3, null, "wavelength step, nm")
                .list("ood-regions", ConfigType.INT_LIST, "3,5,6,8,16,18",
                        "regions whose mineralogy and SOC spectrum differ (out of distribution)")
                .number("noise", 0.01, 0.0, 1.0, "standard deviation of additive noise, reflectance units")
                .number("brightness", 0.05, 0.0, 1.0, "standard deviation of log brightness scatter")
                .number("intimate", 0.0, 0.0, 10.0, "weight of the bilinear intimate-mixing term (0 = linear)")
                .number("moisture", 0.0, 0.0, 0.6, "largest water mass fraction per sample (0 = dry)")
                .number("soc-rho-r", 0.6, 1e-3, 100.0, "rho*r of SOC, mg m^-2")
                .number("ood-soc-rho-r", 0.9, 1e-3, 100.0, "rho*r of SOC in OOD regions, mg m^-2")
                .number("soc-level", SyntheticSettings.DEFAULT_SOC_LEVEL, 1e-4, 0.45,
                        "median surface SOC mass fraction of a region (OOD regions: twice that)")
                .number("soc-spread", SyntheticSettings.DEFAULT_SOC_SPREAD, 0.0, 3.0,
                        "standard deviation of log surface SOC between pedons (larger: more organic-rich soils)")
                .number("dirichlet-scale", 1.0, 0.01, 100.0, "multiplies every mineral's Dirichlet concentration;"
                        + " below 1: sparser mixtures, soils dominated by a few minerals")
                .path("endmembers.file", false, "a spectral library (CSV, USGS ASCII, ENVI .sli) instead of the "
                        + "analytic minerals")
                .path("truth.dir", false, "folder to write the planted ground truth into on load")
                .build();
    }

    @Override
    public SpectralDataSource create(PluginConfig config, PluginContext context) {
        SyntheticSettings s = settings(config);
        var bad = s.oodRegions().stream().filter(r -> !SyntheticGenerator.RACA_REGIONS.contains(r)).toList();
        if (!bad.isEmpty()) {
            throw new ConfigurationException(List.of("key '" + config.fullKey("ood-regions") + "': regions " + bad
                    + " do not exist; RaCA regions are " + SyntheticGenerator.RACA_REGIONS));
        }
        if (s.gridEnd() <= s.gridStart()) {
            throw new ConfigurationException(List.of("key '" + config.fullKey("grid.end") + "': " + s.gridEnd()
                    + " is not above " + config.fullKey("grid.start") + " = " + s.gridStart()));
        }
        SyntheticGenerator generator;
        if (s.endmembersFile().isPresent()) {
            Path file = context.resolve(s.endmembersFile().get());
            try {
                SpectralLibrary lib = context.readLibrary(file);
                generator = SyntheticGenerator.withLibrary(s, LibraryResampling.toGrid(lib, s.grid()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + config.fullKey("endmembers.file") + " = " + file, e);
            }
        } else {
            generator = new SyntheticGenerator(s);
        }
        return new SyntheticDataSource(generator, config.getPath("truth.dir").map(context::resolve));
    }

    /** The settings the keys describe (no file access). */
    public static SyntheticSettings settings(PluginConfig config) {
        return new SyntheticSettings(config.getLong("seed"), config.getDouble("scale"), config.getInt("region-count"),
                config.getDouble("grid.start"), config.getDouble("grid.end"), config.getDouble("grid.step"),
                config.getIntList("ood-regions"), config.getDouble("noise"), config.getDouble("brightness"),
                config.getDouble("intimate"), config.getDouble("moisture"), config.getDouble("soc-rho-r"),
                config.getDouble("ood-soc-rho-r"), config.getDouble("soc-level"), config.getDouble("soc-spread"),
                config.getDouble("dirichlet-scale"), config.getPath("endmembers.file"));
    }
}
