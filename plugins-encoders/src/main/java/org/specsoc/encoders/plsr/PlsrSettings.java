package org.specsoc.encoders.plsr;

import org.specsoc.api.config.PluginConfig;

/**
 * The {@code encoder.plsr.*} settings.
 *
 * @param scale         divide each band by its training standard deviation after centring (autoscaling)
 * @param folds         cross-validation folds used to choose the number of components
 * @param maxComponents the largest number of components cross-validation considers
 * @param components    a fixed number of components (cross-validation skipped), or 0 to choose by CV
 * @param selection     the rule that picks the number from the CV curve
 */
public record PlsrSettings(boolean scale, int folds, int maxComponents, int components,
                           ComponentSelection selection) {
    static final String SCALE = "plsr.scale";
    static final String FOLDS = "plsr.folds";
    static final String MAX_COMPONENTS = "plsr.max-components";
    static final String COMPONENTS = "plsr.components";
    static final String SELECTION = "plsr.selection";

    public PlsrSettings {
        if (folds < 2) {
            throw new IllegalArgumentException("PLSR cross-validation needs at least 2 folds, got " + folds);
        }
        if (maxComponents < 1 || components < 0) {
            throw new IllegalArgumentException("PLSR components must be positive: max " + maxComponents
                    + ", fixed " + components);
        }
    }

    public static PlsrSettings defaults() {
        return new PlsrSettings(false, 5, 30, 0, ComponentSelection.MIN_RMSE);
    }

    static PlsrSettings from(PluginConfig config) {
        return new PlsrSettings(config.getBoolean(SCALE), config.getInt(FOLDS), config.getInt(MAX_COMPONENTS),
                config.getInt(COMPONENTS), ComponentSelection.of(config.getString(SELECTION)));
    }

    /** Whether the number of components is chosen by cross-validation. */
    public boolean crossValidates() {
        return components == 0;
    }

    public PlsrSettings withComponents(int fixed) {
        return new PlsrSettings(scale, folds, maxComponents, fixed, selection);
    }

    public PlsrSettings withScale(boolean scaled) {
        return new PlsrSettings(scaled, folds, maxComponents, components, selection);
    }

    public PlsrSettings withMaxComponents(int max) {
        return new PlsrSettings(scale, folds, max, components, selection);
    }

    public PlsrSettings withSelection(ComponentSelection rule) {
        return new PlsrSettings(scale, folds, maxComponents, components, rule);
    }
}
