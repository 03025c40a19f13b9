package org.specsoc.datasets.raca;

import java.nio.file.Path;
import java.util.List;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.PluginContext;

/**
 * {@code dataset.type=raca}: the RaCA VNIR export with the authors' cleaning ({@code layout=csv}: spectra file +
 * lab/sample table), or the authors' own HDF5 matrix with its split-index file ({@code layout=hdf5}).
 */
public final class RacaDatasetFactory implements DatasetFactory {

    @Override
    public String name() {
        return "raca";
    }

    @Override
    public String description() {
        return "RaCA VNIR (soilDB fetchRaCA export + lab table, authors' cleaning and SOC formula) or the authors' "
                + "HDF5 matrix with split indices";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder()
                .choice("layout", "csv", List.of("csv", "hdf5"), "csv: fetchRaCA export; hdf5: the authors' matrix")
                .path("file", true, "spectra CSV (csv) or HDF5 matrix with dataset 'data' (hdf5)")
                .path("samples-file", false, "RaCA sample/lab table (csv layout): sample_id, rcapid, pedon_no, adod, "
                        + "c_tot_ncs, caco3")
                .path("splits-file", false, "the authors' split-index HDF5 ({r}_indices ...); required for hdf5")
                .bool("keep-unlabelled", false, "keep spectra without lab SOC as unlabelled (scan-only)")
                .number("max-water", 0.4, 0.0, 1.0, "moisture cut: drop sites with 1 - 1/adod above this")
                .integer("soc-column", -1, -1000, 100_000, "hdf5: SOC column (-1 last = v2, -5 = v3)")
                .build();
    }

    @Override
    public SpectralDataSource create(PluginConfig config, PluginContext context) {
        Path file = context.resolve(config.getPath("file").orElseThrow());
        if (config.getString("layout").equals("hdf5")) {
            Path splits = config.getPath("splits-file").map(context::resolve).orElseThrow(() ->
                    new ConfigurationException(List.of("key '" + config.fullKey("splits-file")
                            + "' is required with " + config.fullKey("layout") + "=hdf5")));
            var reader = new RacaHdf5Reader(config.getInt("soc-column"), 2136, 365);
            return () -> reader.read(file, RacaSplitIndices.read(splits));
        }
        Path samples = config.getPath("samples-file").map(context::resolve).orElseThrow(() ->
                new ConfigurationException(List.of("key '" + config.fullKey("samples-file")
                        + "' is required with " + config.fullKey("layout") + "=csv")));
        var reader = new RacaCsvReader(config.getBoolean("keep-unlabelled"), config.getDouble("max-water"));
        return () -> reader.read(file, samples);
    }
}
