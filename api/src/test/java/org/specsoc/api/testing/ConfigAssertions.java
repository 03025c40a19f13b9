package org.specsoc.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.specsoc.api.config.ConfigKey;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;

/**
 * The two config-test idioms of Airlift ({@code assertRecordedDefaults}, {@code assertFullMapping}) for
 * {@link ConfigSpec}, plus the unknown-key message. Every plugin's test should use all three:
 * <pre>{@code
 * assertDefaults(factory.configSpec(), Map.of("hidden", 512, "activation", "relu"));
 * assertFullMapping(factory.configSpec(), Map.of("hidden", "64", "activation", "tanh"),
 *         Map.of("hidden", 64, "activation", "tanh"));
 * assertUnknownKeySuggests(factory.configSpec(), "encoder.", "hiden", "hidden");
 * }</pre>
 */
public final class ConfigAssertions {
    private ConfigAssertions() {
    }

    /**
     * The keys that have a default are exactly those of {@code expected}, and each default binds to the expected
     * typed value (Integer, Long, Double, Boolean, String, Path or a List of them).
     */
    public static void assertDefaults(ConfigSpec spec, Map<String, ?> expected) {
        Set<String> withDefault = spec.keys().stream().filter(k -> k.defaultValue() != null).map(ConfigKey::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(withDefault).as("keys with a default").isEqualTo(new TreeSet<>(expected.keySet()));
        for (ConfigKey key : spec.keys()) {
            if (key.defaultValue() != null) {
                assertThat(defaultValue(key)).as("default of '%s'", key.name()).isEqualTo(expected.get(key.name()));
            }
        }
    }

    /**
     * {@code raw} sets every declared key, each to a value other than its default, and binds to exactly
     * {@code expected}: a key the plugin forgot to map, or mapped to the wrong field, fails here.
     */
    public static PluginConfig assertFullMapping(ConfigSpec spec, Map<String, String> raw, Map<String, ?> expected) {
        assertThat(new TreeSet<>(raw.keySet())).as("keys set by the test").isEqualTo(new TreeSet<>(spec.names()));
        assertThat(new TreeSet<>(expected.keySet())).as("keys expected").isEqualTo(new TreeSet<>(spec.names()));
        PluginConfig config = spec.bind("", raw);
        for (ConfigKey key : spec.keys()) {
            Object value = config.values().get(key.name());
            assertThat(value).as("value of '%s'", key.name()).isEqualTo(expected.get(key.name()));
            if (key.defaultValue() != null) {
                assertThat(value).as("'%s' must be set to something other than its default", key.name())
                        .isNotEqualTo(defaultValue(key));
            }
        }
        return config;
    }

    /** A misspelled key is rejected, naming the full key and suggesting the declared one. */
    public static void assertUnknownKeySuggests(ConfigSpec spec, String prefix, String misspelled, String declared) {
        var e = catchThrowableOfType(ConfigurationException.class, () -> spec.bind(prefix, Map.of(misspelled, "1")));
        assertThat(e).as("binding '%s'", misspelled).isNotNull();
        assertThat(e.problems()).contains("unknown key '" + prefix + misspelled + "' (did you mean '" + prefix
                + declared + "'?)");
    }

    private static Object defaultValue(ConfigKey key) {
        return new ConfigSpec(List.of(key)).bind("", Map.of()).values().get(key.name());
    }
}
