package org.specsoc.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.specsoc.api.testing.ConfigAssertions.assertDefaults;
import static org.specsoc.api.testing.ConfigAssertions.assertFullMapping;
import static org.specsoc.api.testing.ConfigAssertions.assertUnknownKeySuggests;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSpecTest {

    /** One key of every type the builder offers. */
    static final ConfigSpec EVERY_TYPE = ConfigSpec.builder()
            .integer("hidden", 512, 1, 4096, "hidden units")
            .longValue("seed", 42, "master seed")
            .number("learning-rate", 1e-3, 0.0, 1.0, "learning rate")
            .bool("rho-r.enabled", true, "use rho*r")
            .string("name", "run", "a name")
            .string("comment", null, "optional text")
            .choice("activation", "relu", List.of("relu", "tanh", "gelu"), "activation")
            .path("library", false, "endmember library file")
            .list("layers", ConfigType.INT_LIST, "512,256", "layer widths")
            .list("seeds", ConfigType.LONG_LIST, "1", "seeds")
            .list("weights", ConfigType.DOUBLE_LIST, "0.5, 0.5", "loss weights")
            .list("regions", ConfigType.STRING_LIST, "", "regions")
            .build();

    private static List<String> problems(ConfigSpec spec, String prefix, Map<String, String> raw) {
        return catchThrowableOfType(ConfigurationException.class, () -> spec.bind(prefix, raw)).problems();
    }

    @Test
    void defaultsOfEveryType() {
        assertDefaults(EVERY_TYPE, Map.ofEntries(
                Map.entry("hidden", 512),
                Map.entry("seed", 42L),
                Map.entry("learning-rate", 1e-3),
                Map.entry("rho-r.enabled", true),
                Map.entry("name", "run"),
                Map.entry("activation", "relu"),
                Map.entry("layers", List.of(512, 256)),
                Map.entry("seeds", List.of(1L)),
                Map.entry("weights", List.of(0.5, 0.5)),
                Map.entry("regions", List.of())));
        PluginConfig config = EVERY_TYPE.bind("encoder.", Map.of());
        assertThat(config.getOptionalString("comment")).isEmpty();
        assertThat(config.getPath("library")).isEmpty();
    }

    @Test
    void fullMappingOfEveryType() {
        PluginConfig config = assertFullMapping(EVERY_TYPE, Map.ofEntries(
                Map.entry("hidden", "64"),
                Map.entry("seed", "-7"),
                Map.entry("learning-rate", "2.5e-4"),
                Map.entry("rho-r.enabled", "off"),
                Map.entry("name", " trial "),
                Map.entry("comment", "hello"),
                Map.entry("activation", "gelu"),
                Map.entry("library", "../shared/data/usgs.txt"),
                Map.entry("layers", "[128, 64, 32]"),
                Map.entry("seeds", "3,4"),
                Map.entry("weights", "1,0.0"),
                Map.entry("regions", "east, west")),
                Map.ofEntries(
                        Map.entry("hidden", 64),
                        Map.entry("seed", -7L),
                        Map.entry("learning-rate", 2.5e-4),
                        Map.entry("rho-r.enabled", false),
                        Map.entry("name", "trial"),
                        Map.entry("comment", "hello"),
                        Map.entry("activation", "gelu"),
                        Map.entry("library", Path.of("../shared/data/usgs.txt")),
                        Map.entry("layers", List.of(128, 64, 32)),
                        Map.entry("seeds", List.of(3L, 4L)),
                        Map.entry("weights", List.of(1.0, 0.0)),
                        Map.entry("regions", List.of("east", "west"))));

        assertThat(config.getInt("hidden")).isEqualTo(64);
        assertThat(config.getLong("seed")).isEqualTo(-7L);
        assertThat(config.getDouble("learning-rate")).isEqualTo(2.5e-4);
        assertThat(config.getBoolean("rho-r.enabled")).isFalse();
        assertThat(config.getString("activation")).isEqualTo("gelu");
        assertThat(config.getOptionalString("comment")).contains("hello");
        assertThat(config.getPath("library")).contains(Path.of("../shared/data/usgs.txt"));
        assertThat(config.getIntList("layers")).containsExactly(128, 64, 32);
        assertThat(config.getLongList("seeds")).containsExactly(3L, 4L);
        assertThat(config.getDoubleList("weights")).containsExactly(1.0, 0.0);
        assertThat(config.getStringList("regions")).containsExactly("east", "west");
    }

    @Test
    void booleansAcceptTheUsualSpellings() {
        var spec = ConfigSpec.builder().bool("b", false, "b").build();
        for (String yes : List.of("true", "TRUE", "yes", "on")) {
            assertThat(spec.bind("", Map.of("b", yes)).getBoolean("b")).as(yes).isTrue();
        }
        for (String no : List.of("false", "No", "off")) {
            assertThat(spec.bind("", Map.of("b", no)).getBoolean("b")).as(no).isFalse();
        }
        assertThat(problems(spec, "x.", Map.of("b", "maybe")))
                .containsExactly("key 'x.b': 'maybe' is not a boolean (true or false)");
    }

    @Test
    void rangesAreInclusiveAndNamedWithTheFullKey() {
        var spec = ConfigSpec.builder().integer("hidden", 8, 1, 4096, "h")
                .number("rate", 0.5, 0.0, 1.0, "r").build();
        assertThat(spec.bind("", Map.of("hidden", "1", "rate", "1.0")).getInt("hidden")).isEqualTo(1);
        assertThat(spec.bind("", Map.of("hidden", "4096", "rate", "0")).getDouble("rate")).isZero();

        assertThat(problems(spec, "encoder.", Map.of("hidden", "4097", "rate", "-0.1"))).containsExactly(
                "key 'encoder.hidden': 4097 is out of range; allowed [1, 4096]",
                "key 'encoder.rate': -0.1 is out of range; allowed [0, 1]");
    }

    @Test
    void listElementsAreRangeChecked() {
        var spec = ConfigSpec.builder().add(new ConfigKey("layers", ConfigType.INT_LIST, "8", 1.0, null, List.of(),
                false, "widths")).build();
        assertThat(problems(spec, "encoder.", Map.of("layers", "8,0"))).containsExactly(
                "key 'encoder.layers': 0 is out of range; allowed [1, +inf]");
    }

    @Test
    void badTypesNameTheKeyAndTheExpectedType() {
        assertThat(problems(EVERY_TYPE, "encoder.", Map.of("hidden", "1.5", "seed", "x", "learning-rate", "fast",
                "layers", "1,a", "weights", "NaN")))
                .containsExactly(
                        "key 'encoder.hidden': '1.5' is not an integer",
                        "key 'encoder.seed': 'x' is not a whole number",
                        "key 'encoder.learning-rate': 'fast' is not a number",
                        "key 'encoder.layers': '1,a' is not a comma-separated list of integers",
                        "key 'encoder.weights': 'NaN' is not a finite number");
    }

    @Test
    void enumValuesSuggestTheNearestAllowedOne() {
        assertThat(problems(EVERY_TYPE, "encoder.", Map.of("activation", "tahn"))).containsExactly(
                "key 'encoder.activation': 'tahn' is not one of relu, tanh, gelu (did you mean 'tanh'?)");
        assertThat(problems(EVERY_TYPE, "encoder.", Map.of("activation", "softplus"))).containsExactly(
                "key 'encoder.activation': 'softplus' is not one of relu, tanh, gelu");
    }

    @Test
    void requiredKeysMustBeGiven() {
        var spec = ConfigSpec.builder().path("path", true, "CSV file").integer("n", 1, 1, 9, "n").build();
        assertThat(spec.keys().get(0).required()).isTrue();
        assertThat(problems(spec, "dataset.", Map.of())).containsExactly(
                "missing required key 'dataset.path' (CSV file)");
    }

    @Test
    void unknownKeysSuggestTheNearestDeclaredKey() {
        assertUnknownKeySuggests(EVERY_TYPE, "encoder.", "hiden", "hidden");
        assertUnknownKeySuggests(EVERY_TYPE, "encoder.", "rho-r.enable", "rho-r.enabled");
        assertThat(problems(EVERY_TYPE, "encoder.", Map.of("zzz-unrelated", "1")))
                .containsExactly("unknown key 'encoder.zzz-unrelated'");
        assertThat(problems(ConfigSpec.empty(), "decoder.", Map.of("hidden", "1")))
                .containsExactly("unknown key 'decoder.hidden'; this part takes no keys");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        var raw = new HashMap<String, String>();
        raw.put("hiden", "3");
        raw.put("seed", "x");
        raw.put("activation", "nope");
        var spec = EVERY_TYPE.plus(ConfigSpec.builder().path("out", true, "output").build());

        var e = catchThrowableOfType(ConfigurationException.class, () -> spec.bind("encoder.", raw));

        assertThat(e.problems()).containsExactly(
                "unknown key 'encoder.hiden' (did you mean 'encoder.hidden'?)",
                "key 'encoder.seed': 'x' is not a whole number",
                "key 'encoder.activation': 'nope' is not one of relu, tanh, gelu",
                "missing required key 'encoder.out' (output)");
        assertThat(e.getMessage()).startsWith("Configuration errors (4):").contains("  4) missing required key");
    }

    @Test
    void bindIntoAppendsProblemsAndReturnsEmpty() {
        var problems = new java.util.ArrayList<String>(List.of("earlier problem"));
        assertThat(EVERY_TYPE.bindInto("encoder.", Map.of("hidden", "0"), problems)).isEmpty();
        assertThat(problems).containsExactly("earlier problem",
                "key 'encoder.hidden': 0 is out of range; allowed [1, 4096]");
        assertThat(EVERY_TYPE.bindInto("encoder.", Map.of(), problems)).isPresent();
    }

    @Test
    void aKeyDeclaredTwiceIsAProgrammingError() {
        var builder = ConfigSpec.builder().bool("a", true, "a").bool("a", false, "again");
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key 'a' declared twice");
        assertThatThrownBy(() -> EVERY_TYPE.plus(ConfigSpec.builder().bool("hidden", true, "x").build()))
                .hasMessage("key 'hidden' declared twice");
    }

    @Test
    void lookupAndNames() {
        assertThat(EVERY_TYPE.key("hidden")).map(ConfigKey::type).contains(ConfigType.INT);
        assertThat(EVERY_TYPE.key("nope")).isEmpty();
        assertThat(EVERY_TYPE.names()).startsWith("hidden", "seed").hasSize(12);
        assertThatThrownBy(() -> ConfigSpec.builder().list("x", ConfigType.INT, "1", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
