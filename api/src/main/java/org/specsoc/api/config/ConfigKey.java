package org.specsoc.api.config;

import java.util.List;
import java.util.Objects;

/**
 * One declared configuration key of a plugin, relative to the plugin's prefix
 * ({@code hidden} under {@code encoder.} is the full key {@code encoder.hidden}).
 *
 * @param name         key relative to the owning prefix
 * @param type         value type
 * @param defaultValue default as text, or {@code null} when the key is required
 * @param min          inclusive lower bound for numeric types (and every list element), or {@code null}
 * @param max          inclusive upper bound for numeric types (and every list element), or {@code null}
 * @param allowed      allowed values for {@link ConfigType#ENUM}; empty otherwise
 * @param optional     true when the key may be absent and has no default (the value is then empty)
 * @param description  one line shown by {@code specsoc plugins}
 */
public record ConfigKey(String name, ConfigType type, String defaultValue, Double min, Double max,
                        List<String> allowed, boolean optional, String description) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        allowed = List.copyOf(allowed == null ? List.of() : allowed);
        if (type == ConfigType.ENUM && allowed.isEmpty()) {
            throw new IllegalArgumentException("ENUM key '" + name + "' declares no allowed values");
        }
    }

    public boolean required() {
        return defaultValue == null && !optional;
    }

    /** The allowed range or set, as shown in error messages and listings. */
    public String constraintText() {
        if (type == ConfigType.ENUM) {
            return "one of " + String.join(", ", allowed);
        }
        if (min == null && max == null) {
            return "";
        }
        return "[" + (min == null ? "-inf" : format(min)) + ", " + (max == null ? "+inf" : format(max)) + "]";
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
