package org.specsoc.runner.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.specsoc.api.config.ConfigSpec;

class ConfigSectionTest {

    @Test
    void prefixMustBeDottedLowerCaseWordsEndingWithADot() {
        assertThatCode(() -> new ConfigSection("train.", ConfigSpec.empty())).doesNotThrowAnyException();
        assertThatCode(() -> new ConfigSection("train.early-stop.", ConfigSpec.empty())).doesNotThrowAnyException();
        for (String bad : new String[] {"train", "Train.", ".train.", "train..", "", "tr ain."}) {
            assertThatThrownBy(() -> new ConfigSection(bad, ConfigSpec.empty()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'");
        }
    }
}
