package org.specsoc.datasets.preprocess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.PreprocessingStep;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.plugin.PluginContext;
import org.specsoc.api.plugin.PreprocessorFactory;

/**
 * The preprocessing steps ({@code preprocess.steps=cut,resample,snv}, keys under {@code preprocess.<name>.}):
 * {@code cut}, {@code resample}, {@code absorbance}, {@code reflectance}, {@code dead-pixel}, {@code snv},
 * {@code savitzky-golay}. None learns from the training data beyond its parameters, so each fitted state is
 * its parameters; {@link PreprocessorFactory#restore} re-creates it from a stored state.
 */
public final class PreprocessorFactories {

    private PreprocessorFactories() {
    }

    public static List<PreprocessorFactory> all() {
        return List.of(
                step("cut", "keep the bands between min and max nm", ConfigSpec.builder()
                                .number("min", 365, 0.0, null, "first wavelength kept, nm")
                                .number("max", 2500, 0.0, null, "last wavelength kept, nm").build(),
                        c -> Map.of("min", c.getDouble("min"), "max", c.getDouble("max")),
                        s -> d -> SpectralOps.cut(d, StateValues.number(s, "min"), StateValues.number(s, "max"))),
                step("resample", "linear interpolation to a regular grid (never extrapolates)", ConfigSpec.builder()
                                .number("start", 365, 0.0, null, "first wavelength, nm")
                                .number("end", 2500, 0.0, null, "last wavelength, nm")
                                .number("step", 1, 1e-3, null, "spacing, nm").build(),
                        c -> Map.of("start", c.getDouble("start"), "end", c.getDouble("end"), "step",
                                c.getDouble("step")),
                        s -> d -> SpectralOps.resample(d, grid(StateValues.number(s, "start"),
                                StateValues.number(s, "end"), StateValues.number(s, "step")))),
                step("absorbance", "reflectance to absorbance log10(1/R)", ConfigSpec.empty(), c -> Map.of(),
                        s -> SpectralOps::toAbsorbance),
                step("reflectance", "absorbance to reflectance 10^-A", ConfigSpec.empty(), c -> Map.of(),
                        s -> SpectralOps::toReflectance),
                step("dead-pixel", "drop spectra with a value < 0, > 1 or NaN (count logged)", ConfigSpec.empty(),
                        c -> Map.of(), s -> SpectralOps::dropDeadPixels),
                step("snv", "standard normal variate per spectrum", ConfigSpec.empty(), c -> Map.of(),
                        s -> SpectralOps::snv),
                step("savitzky-golay", "Savitzky-Golay smoothing/derivative (prospectr's m, p, w; edges dropped)",
                        ConfigSpec.builder()
                                .integer("m", 0, 0, 4, "derivative order")
                                .integer("p", 2, 0, 10, "polynomial order")
                                .integer("w", 11, 3, 501, "window size (odd)").build(),
                        c -> {
                            // Validate now so a bad window is a configuration error, not a failure mid-run.
                            try {
                                SpectralOps.savitzkyGolayCoefficients(c.getInt("m"), c.getInt("p"), c.getInt("w"));
                            } catch (IllegalArgumentException e) {
                                throw new ConfigurationException(List.of("keys '" + c.fullKey("m") + "', '"
                                        + c.fullKey("p") + "', '" + c.fullKey("w") + "': " + e.getMessage()));
                            }
                            return Map.of("m", c.getInt("m"), "p", c.getInt("p"), "w", c.getInt("w"));
                        },
                        s -> d -> SpectralOps.savitzkyGolay(d, StateValues.integer(s, "m"),
                                StateValues.integer(s, "p"), StateValues.integer(s, "w"))));
    }

    /** A regular grid start, start + step, ... up to end (within a millionth of a step). */
    public static double[] grid(double start, double end, double step) {
        int n = (int) Math.floor((end - start) / step + 1e-6) + 1;
        if (n < 2) {
            throw new IllegalArgumentException("resample grid " + start + ".." + end + " step " + step
                    + " has fewer than 2 points");
        }
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = start + i * step;
        }
        return g;
    }

    private static PreprocessorFactory step(String name, String description, ConfigSpec spec,
                                            Function<PluginConfig, Map<String, Object>> parameters,
                                            Function<Map<String, Object>, UnaryOperator<SpectralDataset>> function) {
        return new PreprocessorFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public ConfigSpec configSpec() {
                return spec;
            }

            @Override
            public PreprocessingStep create(PluginConfig config, PluginContext context) {
                return restore(parameters.apply(config));
            }

            @Override
            public StatelessStep restore(Map<String, Object> state) {
                var copy = new LinkedHashMap<>(state);
                return new StatelessStep(name, java.util.Collections.unmodifiableMap(copy), function.apply(copy));
            }
        };
    }
}
