package org.specsoc.api.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated, typed values of one plugin's keys (its own subset only). Plugins turn it into their own
 * config record in {@code create}; reading a key that was not declared is a programming error.
 */
public final class PluginConfig {
    private final String prefix;
    private final Map<String, Object> values;
    private final ConfigSpec spec;

    PluginConfig(String prefix, Map<String, Object> values, ConfigSpec spec) {
        this.prefix = prefix;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.spec = spec;
    }

    /** Binds {@code raw} against {@code spec} with no prefix; a shorthand for tests. */
    public static PluginConfig of(ConfigSpec spec, Map<String, String> raw) {
        return spec.bind("", raw);
    }

    public String prefix() {
        return prefix;
    }

    public ConfigSpec spec() {
        return spec;
    }

    /** Values by relative key, defaults applied. */
    public Map<String, Object> values() {
        return values;
    }

    /** The full key, for messages: {@code decoder.} + {@code hidden}. */
    public String fullKey(String name) {
        return prefix + name;
    }

    public int getInt(String name) {
        return ((Number) get(name)).intValue();
    }

    public long getLong(String name) {
        return ((Number) get(name)).longValue();
    }

    public double getDouble(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    public String getString(String name) {
        return (String) get(name);
    }

    public Optional<String> getOptionalString(String name) {
        declared(name);
        return Optional.ofNullable((String) values.get(name));
    }

    public Optional<Path> getPath(String name) {
        declared(name);
        return Optional.ofNullable((Path) values.get(name));
    }

    @SuppressWarnings("unchecked")
    public List<Integer> getIntList(String name) {
        return (List<Integer>) getList(name);
    }

    @SuppressWarnings("unchecked")
    public List<Long> getLongList(String name) {
        return (List<Long>) getList(name);
    }

    @SuppressWarnings("unchecked")
    public List<Double> getDoubleList(String name) {
        return (List<Double>) getList(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> getStringList(String name) {
        return (List<String>) getList(name);
    }

    private List<?> getList(String name) {
        declared(name);
        Object v = values.get(name);
        return v == null ? List.of() : (List<?>) v;
    }

    private Object get(String name) {
        declared(name);
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("key '" + fullKey(name) + "' has no value and no default");
        }
        return v;
    }

    private void declared(String name) {
        if (spec.key(name).isEmpty()) {
            throw new IllegalArgumentException("key '" + fullKey(name) + "' is not declared by this plugin");
        }
    }

    @Override
    public String toString() {
        return prefix + values;
    }
}
