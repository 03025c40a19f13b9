package org.specsoc.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationExceptionTest {

    @Test
    void oneProblemIsOneLine() {
        var e = new ConfigurationException("unknown key 'a'");
        assertThat(e.getMessage()).isEqualTo("Configuration error: unknown key 'a'");
        assertThat(e.problems()).containsExactly("unknown key 'a'");
    }

    @Test
    void severalProblemsAreNumbered() {
        var e = new ConfigurationException(List.of("first", "second"));
        assertThat(e.getMessage().lines()).containsExactly("Configuration errors (2):", "  1) first", "  2) second");
    }

    @Test
    void atLeastOneProblem() {
        assertThatThrownBy(() -> new ConfigurationException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
