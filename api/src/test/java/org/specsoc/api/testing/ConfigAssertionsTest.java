package org.specsoc.api.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.specsoc.api.config.ConfigSpec;

/** The assertions other modules rely on must fail when a plugin's config is incomplete or wrong. */
class ConfigAssertionsTest {
    private static final ConfigSpec SPEC = ConfigSpec.builder()
            .integer("hidden", 8, 1, 64, "hidden")
            .bool("bias", true, "bias")
            .path("file", true, "input")
            .build();

    @Test
    void defaultsMustListExactlyTheKeysWithADefaultAndTheirValues() {
        assertThatCode(() -> ConfigAssertions.assertDefaults(SPEC, Map.of("hidden", 8, "bias", true)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ConfigAssertions.assertDefaults(SPEC, Map.of("hidden", 8)))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ConfigAssertions.assertDefaults(SPEC, Map.of("hidden", 9, "bias", true)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("default of 'hidden'");
    }

    @Test
    void fullMappingMustSetEveryKeyAwayFromItsDefault() {
        assertThatCode(() -> ConfigAssertions.assertFullMapping(SPEC,
                Map.of("hidden", "9", "bias", "false", "file", "a.csv"),
                Map.of("hidden", 9, "bias", false, "file", java.nio.file.Path.of("a.csv"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ConfigAssertions.assertFullMapping(SPEC, Map.of("hidden", "9", "file", "a.csv"),
                Map.of("hidden", 9, "file", java.nio.file.Path.of("a.csv"))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("keys set by the test");
        assertThatThrownBy(() -> ConfigAssertions.assertFullMapping(SPEC,
                Map.of("hidden", "8", "bias", "false", "file", "a.csv"),
                Map.of("hidden", 8, "bias", false, "file", java.nio.file.Path.of("a.csv"))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("other than its default");
    }

    @Test
    void unknownKeyAssertionChecksTheSuggestion() {
        assertThatCode(() -> ConfigAssertions.assertUnknownKeySuggests(SPEC, "decoder.", "hiden", "hidden"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ConfigAssertions.assertUnknownKeySuggests(SPEC, "decoder.", "hiden", "bias"))
                .isInstanceOf(AssertionError.class);
    }
}
