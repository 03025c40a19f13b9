package org.specsoc.datasets.csv;

import java.nio.file.Path;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigType;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.PluginContext;

/** {@code dataset.type=spectra-csv}: the generic wide CSV layout of every file under shared/data. */
public final class SpectraCsvDatasetFactory implements DatasetFactory {

    @Override
    public String name() {
        return "spectra-csv";
    }

    @Override
    public String description() {
        return "wide CSV: id and label columns, then nm_<wavelength> (or plain numeric) spectral columns";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder()
                .path("file", true, "the CSV file")
                .string("id-column", null, "column of sample ids (default: sample_id when present, else row numbers)")
                .string("label-column", null, "column of the SOC label (absent: unlabelled spectra)")
                .number("label-scale", 0.01, 0.0, null, "factor from the label's unit to a mass fraction "
                        + "(0.01 for percent, 0.001 for g/kg, 1 for fractions)")
                .string("region-column", null, "column used as the region group")
                .string("pedon-column", null, "column used as the pedon group")
                .list("group-columns", ConfigType.STRING_LIST, "", "further columns kept as groups")
                .choice("quantity", "reflectance", java.util.List.of("reflectance", "absorbance"),
                        "what the spectral values are (absorbance log10(1/R) is converted to reflectance)")
                .bool("dead-pixel-filter", false, "drop spectra with values < 0, > 1 or NaN instead of failing")
                .build();
    }

    @Override
    public SpectralDataSource create(PluginConfig config, PluginContext context) {
        Path file = context.resolve(config.getPath("file").orElseThrow());
        var reader = new SpectraCsvReader(layout(config));
        return () -> reader.read(file);
    }

    /** The layout a bound {@code dataset.} configuration describes (also used by the streaming predict path). */
    public static CsvLayout layout(PluginConfig c) {
        return new CsvLayout(c.getOptionalString("id-column"), c.getOptionalString("label-column"),
                c.getDouble("label-scale"), c.getOptionalString("region-column"), c.getOptionalString("pedon-column"),
                c.getStringList("group-columns"), SpectralQuantity.of(c.getString("quantity")),
                c.getBoolean("dead-pixel-filter"));
    }
}
