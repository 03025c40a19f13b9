package org.specsoc.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {

    @Test
    void constraintTextShowsRangesAndChoices() {
        assertThat(new ConfigKey("a", ConfigType.INT, "1", 1.0, 10.0, null, false, "a").constraintText())
                .isEqualTo("[1, 10]");
        assertThat(new ConfigKey("a", ConfigType.DOUBLE, "1", 0.5, null, null, false, "a").constraintText())
                .isEqualTo("[0.5, +inf]");
        assertThat(new ConfigKey("a", ConfigType.DOUBLE, "1", null, 1e-3, null, false, "a").constraintText())
                .isEqualTo("[-inf, 0.001]");
        assertThat(new ConfigKey("a", ConfigType.ENUM, "x", null, null, List.of("x", "y"), false, "a")
                .constraintText()).isEqualTo("one of x, y");
        assertThat(new ConfigKey("a", ConfigType.STRING, "x", null, null, null, false, "a").constraintText()).isEmpty();
    }

    @Test
    void requiredMeansNoDefaultAndNotOptional() {
        assertThat(new ConfigKey("a", ConfigType.PATH, null, null, null, null, false, "a").required()).isTrue();
        assertThat(new ConfigKey("a", ConfigType.PATH, null, null, null, null, true, "a").required()).isFalse();
        assertThat(new ConfigKey("a", ConfigType.INT, "1", null, null, null, false, "a").required()).isFalse();
    }

    @Test
    void anEnumNeedsAllowedValues() {
        assertThatThrownBy(() -> new ConfigKey("mode", ConfigType.ENUM, "x", null, null, List.of(), false, "m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ENUM key 'mode' declares no allowed values");
        assertThatThrownBy(() -> new ConfigKey(null, ConfigType.INT, "1", null, null, null, false, "m"))
                .isInstanceOf(NullPointerException.class);
    }
}
