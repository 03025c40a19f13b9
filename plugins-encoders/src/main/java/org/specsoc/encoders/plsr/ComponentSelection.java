package org.specsoc.encoders.plsr;

import java.util.Arrays;
import java.util.List;

/** How cross-validation picks the number of PLS components ({@code encoder.plsr.selection}). */
public enum ComponentSelection {
    /** The number with the smallest cross-validated RMSE (the fewer components on a tie). */
    MIN_RMSE("min-rmse"),
    /**
     * The fewest components whose cross-validated RMSE is within one standard error of the minimum
     * (Hastie, Tibshirani and Friedman's one-standard-error rule): a sparser model that CV cannot tell apart.
     */
    ONE_SE("one-se");

    private final String key;

    ComponentSelection(String key) {
        this.key = key;
    }

    /** The configuration value. */
    public String key() {
        return key;
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(ComponentSelection::key).toList();
    }

    public static ComponentSelection of(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown component selection '" + key + "'; known: "
                        + String.join(", ", keys())));
    }
}
