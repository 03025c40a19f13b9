package org.specsoc.decoders;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.model.Decoder;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.PluginContext;

/** {@code decoder.type=linear-mixing}: the physics-informed decoder of appendix B. */
public final class LinearMixingDecoderFactory implements DecoderFactory {
    public static final String NAME = "linear-mixing";
    /** Value of {@code decoder.endmembers} that takes the data source's own library. */
    public static final String DATASET_LIBRARY = "dataset";

    private static final ConfigSpec SPEC = ConfigSpec.builder()
            .string("endmembers", DATASET_LIBRARY, "'dataset' for the data source's own endmember library, or a"
                    + " spectral library file (e.g. the authors' USGS endmember_spectra_365-2500nm.csv) relative to"
                    + " the working directory; resampled linearly to the data's grid")
            .bool("rho-r.enabled", true, "weight mass fractions by 1/(rho*r) (false: the appendix-B ablation,"
                    + " alpha = m)")
            .number("penalty-weight", 1000, 0.0, null, "w in the loss factor 1 + w * sum(excess of f_SOC outside"
                    + " [0, 1])^2")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "physics-informed linear mixing of fixed mineral endmembers and a learned SOC spectrum (appendix B)";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public OptionalInt requiredLatent(PluginConfig config, PluginContext context) {
        return OptionalInt.of(library(config, context).size() + 1);
    }

    @Override
    public Decoder create(PluginConfig config, PluginContext context, ModelShape shape) {
        SpectralLibrary library = library(config, context);
        Endmembers endmembers;
        try {
            endmembers = Endmembers.resample(library, shape.wavelengths());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("key '" + config.fullKey("endmembers") + "': " + e.getMessage());
        }
        return new LinearMixingDecoder(shape, endmembers, config.getBoolean("rho-r.enabled"),
                config.getDouble("penalty-weight"));
    }

    private static SpectralLibrary library(PluginConfig config, PluginContext context) {
        String value = config.getString("endmembers");
        String key = config.fullKey("endmembers");
        if (value.equals(DATASET_LIBRARY)) {
            return context.datasetLibrary().orElseThrow(() -> new ConfigurationException("key '" + key
                    + "' is 'dataset' but the data source offers no endmember library; name a library file instead"));
        }
        Path file;
        try {
            file = context.resolve(Path.of(value));
        } catch (InvalidPathException e) {
            throw new ConfigurationException("key '" + key + "': '" + value + "' is not a path: " + e.getMessage());
        }
        try {
            return context.readLibrary(file);
        } catch (IOException e) {
            throw new ConfigurationException("key '" + key + "': cannot read endmember library " + file + ": "
                    + e.getMessage());
        }
    }
}
