package org.specsoc.encoders.plsr;

import java.util.Optional;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.PluginContext;

/** The {@code plsr} encoder: the field's standard baseline beside the networks. */
public final class PlsrEncoderFactory implements EncoderFactory {
    public static final String NAME = "plsr";
    /** The only decoder a closed-form SOC regression goes with. */
    static final String NO_DECODER = "none";

    private static final ConfigSpec SPEC = ConfigSpec.builder()
            .bool(PlsrSettings.SCALE, false, "divide each band by its training standard deviation after centring")
            .integer(PlsrSettings.FOLDS, 5, 2, 100, "cross-validation folds for choosing the number of components"
                    + " (grouped by pedon, else region, else plain folds)")
            .integer(PlsrSettings.MAX_COMPONENTS, 30, 1, 500, "largest number of components cross-validation tries")
            .integer(PlsrSettings.COMPONENTS, 0, 0, 500, "fixed number of components; 0 = choose by cross-validation")
            .choice(PlsrSettings.SELECTION, ComponentSelection.MIN_RMSE.key(), ComponentSelection.keys(),
                    "rule on the CV curve: min-rmse, or one-se (fewest components within one standard error)")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Partial least squares regression of SOC on the spectra (SIMPLS, components by grouped CV);"
                + " needs decoder none";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public PlsrEncoder create(PluginConfig config, PluginContext context, ModelShape shape) {
        return new PlsrEncoder(PlsrSettings.from(config), context.backend(), context.random(), shape);
    }

    @Override
    public Optional<String> decoderProblem(String decoderType) {
        if (NO_DECODER.equals(decoderType)) {
            return Optional.empty();
        }
        return Optional.of("encoder.type=" + NAME + " needs decoder.type=" + NO_DECODER + ", got '" + decoderType
                + "': partial least squares predicts SOC only and has nothing to decode");
    }
}
