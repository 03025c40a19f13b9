package org.specsoc.datasets.lucas;

import java.nio.file.Path;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.PluginContext;

/** {@code dataset.type=lucas}: LUCAS topsoil spectra (absorbance, replicates) joined with the topsoil table. */
public final class LucasDatasetFactory implements DatasetFactory {

    @Override
    public String name() {
        return "lucas";
    }

    @Override
    public String description() {
        return "LUCAS topsoil: absorbance spectra (replicates averaged, to reflectance) + topsoil table (OC g/kg, "
                + "NUTS_0, land cover)";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder()
                .path("file", true, "spectra table: point id, replicate, absorbance columns 400..2499.5 nm")
                .path("topsoil-file", true, "topsoil table: point id, OC (g/kg), CaCO3, NUTS_0, land cover")
                .bool("keep-unlabelled", false, "keep points without a topsoil row as unlabelled spectra")
                .build();
    }

    @Override
    public SpectralDataSource create(PluginConfig config, PluginContext context) {
        Path spectra = context.resolve(config.getPath("file").orElseThrow());
        Path topsoil = context.resolve(config.getPath("topsoil-file").orElseThrow());
        var reader = new LucasReader(config.getBoolean("keep-unlabelled"));
        return () -> reader.read(spectra, topsoil);
    }
}
