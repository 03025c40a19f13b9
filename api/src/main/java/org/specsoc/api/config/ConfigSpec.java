package org.specsoc.api.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The keys a plugin (or a part of the runner) declares. {@link #bind} turns raw text values into a typed,
 * validated {@link PluginConfig}, collecting every problem before failing once.
 */
public record ConfigSpec(List<ConfigKey> keys) {

    public ConfigSpec {
        keys = List.copyOf(keys);
        var seen = new TreeSet<String>();
        for (ConfigKey k : keys) {
            if (!seen.add(k.name())) {
                throw new IllegalArgumentException("key '" + k.name() + "' declared twice");
            }
        }
    }

    public static ConfigSpec empty() {
        return new ConfigSpec(List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<ConfigKey> key(String name) {
        return keys.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return keys.stream().map(ConfigKey::name).toList();
    }

    /** This spec followed by the keys of {@code other}. */
    public ConfigSpec plus(ConfigSpec other) {
        var all = new ArrayList<>(keys);
        all.addAll(other.keys);
        return new ConfigSpec(all);
    }

    /**
     * Binds raw values (keys relative to {@code prefix}) to this spec.
     *
     * @param prefix full-key prefix used in messages, such as {@code "decoder."}; may be empty
     * @param raw    relative key to text value; keys not declared here are reported as unknown
     * @throws ConfigurationException listing every unknown key, bad value and missing required key
     */
    public PluginConfig bind(String prefix, Map<String, String> raw) {
        var problems = new ArrayList<String>();
        Optional<PluginConfig> config = bindInto(prefix, raw, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return config.orElseThrow();
    }

    /** Like {@link #bind} but appends problems to {@code problems} and returns empty when there were any. */
    public Optional<PluginConfig> bindInto(String prefix, Map<String, String> raw, List<String> problems) {
        int before = problems.size();
        var declared = names().stream().map(n -> prefix + n).toList();
        for (String given : new TreeSet<>(raw.keySet())) {
            if (key(given).isEmpty()) {
                problems.add("unknown key '" + prefix + given + "'" + NearestName.suggestion(prefix + given, declared)
                        + (declared.isEmpty() ? "; this part takes no keys" : ""));
            }
        }
        var values = new LinkedHashMap<String, Object>();
        for (ConfigKey key : keys) {
            String text = raw.get(key.name());
            if (text == null) {
                text = key.defaultValue();
            }
            if (text == null) {
                if (key.required()) {
                    problems.add("missing required key '" + prefix + key.name() + "' (" + key.description() + ")");
                }
                continue;
            }
            parse(prefix, key, text.trim(), problems).ifPresent(v -> values.put(key.name(), v));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new PluginConfig(prefix, values, this));
    }

    private static Optional<Object> parse(String prefix, ConfigKey key, String text, List<String> problems) {
        String full = prefix + key.name();
        try {
            Object value = switch (key.type()) {
                case INT -> checkRange(full, key, Integer.parseInt(text));
                case LONG -> checkRange(full, key, Long.parseLong(text));
                case DOUBLE -> checkRange(full, key, parseDouble(text));
                case BOOLEAN -> parseBoolean(text);
                case STRING -> text;
                case PATH -> Path.of(text);
                case ENUM -> {
                    if (!key.allowed().contains(text)) {
                        throw new IllegalArgumentException("'" + text + "' is not " + key.constraintText()
                                + NearestName.suggestion(text, key.allowed()));
                    }
                    yield text;
                }
                case INT_LIST -> split(text).stream().map(s -> checkRange(full, key, Integer.parseInt(s))).toList();
                case LONG_LIST -> split(text).stream().map(s -> checkRange(full, key, Long.parseLong(s))).toList();
                case DOUBLE_LIST -> split(text).stream().map(s -> checkRange(full, key, parseDouble(s))).toList();
                case STRING_LIST -> split(text);
            };
            return Optional.of(value);
        } catch (NumberFormatException e) {
            problems.add("key '" + full + "': '" + text + "' is not " + article(key.type()));
        } catch (IllegalArgumentException e) {
            problems.add("key '" + full + "': " + e.getMessage());
        }
        return Optional.empty();
    }

    private static String article(ConfigType type) {
        return switch (type) {
            case INT -> "an integer";
            case LONG -> "a whole number";
            case DOUBLE -> "a number";
            case INT_LIST -> "a comma-separated list of integers";
            case LONG_LIST -> "a comma-separated list of whole numbers";
            case DOUBLE_LIST -> "a comma-separated list of numbers";
            default -> "valid";
        };
    }

    private static double parseDouble(String s) {
        double d = Double.parseDouble(s);
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("'" + s + "' is not a finite number");
        }
        return d;
    }

    private static boolean parseBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("'" + s + "' is not a boolean (true or false)");
        };
    }

    private static List<String> split(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        String body = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return Arrays.stream(body.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static <T extends Number> T checkRange(String full, ConfigKey key, T value) {
        double v = value.doubleValue();
        if ((key.min() != null && v < key.min()) || (key.max() != null && v > key.max())) {
            throw new IllegalArgumentException(ConfigKey.format(v) + " is out of range; allowed " + key.constraintText());
        }
        return value;
    }

    /** Fluent declaration of keys, in the order they are listed to users. */
    public static final class Builder {
        private final List<ConfigKey> keys = new ArrayList<>();

        public Builder integer(String name, int defaultValue, int min, int max, String description) {
            return add(new ConfigKey(name, ConfigType.INT, Integer.toString(defaultValue), (double) min, (double) max,
                    List.of(), false, description));
        }

        public Builder longValue(String name, long defaultValue, String description) {
            return add(new ConfigKey(name, ConfigType.LONG, Long.toString(defaultValue), null, null, List.of(), false,
                    description));
        }

        public Builder number(String name, double defaultValue, Double min, Double max, String description) {
            return add(new ConfigKey(name, ConfigType.DOUBLE, Double.toString(defaultValue), min, max, List.of(), false,
                    description));
        }

        public Builder bool(String name, boolean defaultValue, String description) {
            return add(new ConfigKey(name, ConfigType.BOOLEAN, Boolean.toString(defaultValue), null, null, List.of(),
                    false, description));
        }

        public Builder string(String name, String defaultValue, String description) {
            return add(new ConfigKey(name, ConfigType.STRING, defaultValue, null, null, List.of(), defaultValue == null,
                    description));
        }

        public Builder choice(String name, String defaultValue, List<String> allowed, String description) {
            return add(new ConfigKey(name, ConfigType.ENUM, defaultValue, null, null, allowed, false, description));
        }

        /** A path key; {@code required} false makes it optional with no default. */
        public Builder path(String name, boolean required, String description) {
            return add(new ConfigKey(name, ConfigType.PATH, null, null, null, List.of(), !required, description));
        }

        public Builder list(String name, ConfigType listType, String defaultValue, String description) {
            if (!listType.isList()) {
                throw new IllegalArgumentException(listType + " is not a list type");
            }
            return add(new ConfigKey(name, listType, defaultValue, null, null, List.of(), defaultValue == null,
                    description));
        }

        public Builder add(ConfigKey key) {
            keys.add(key);
            return this;
        }

        public ConfigSpec build() {
            return new ConfigSpec(Collections.unmodifiableList(keys));
        }
    }
}
