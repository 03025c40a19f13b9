package org.specsoc.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginConfigTest {
    private static final ConfigSpec SPEC = ConfigSpec.builder()
            .integer("hidden", 8, 1, 64, "hidden")
            .string("label", null, "optional label")
            .list("layers", ConfigType.INT_LIST, null, "optional layers")
            .build();

    @Test
    void knowsItsPrefixSpecAndFullKeys() {
        PluginConfig config = SPEC.bind("decoder.", Map.of("hidden", "3"));
        assertThat(config.prefix()).isEqualTo("decoder.");
        assertThat(config.spec()).isSameAs(SPEC);
        assertThat(config.fullKey("hidden")).isEqualTo("decoder.hidden");
        assertThat(config.toString()).isEqualTo("decoder.{hidden=3}");
    }

    @Test
    void ofBindsWithoutPrefix() {
        assertThat(PluginConfig.of(SPEC, Map.of("hidden", "5")).getInt("hidden")).isEqualTo(5);
    }

    @Test
    void optionalKeysWithoutValueAreEmpty() {
        PluginConfig config = SPEC.bind("decoder.", Map.of());
        assertThat(config.getOptionalString("label")).isEmpty();
        assertThat(config.getIntList("layers")).isEmpty();
        assertThat(config.values()).containsOnlyKeys("hidden");
        assertThatThrownBy(() -> config.getString("label")).isInstanceOf(IllegalStateException.class)
                .hasMessage("key 'decoder.label' has no value and no default");
    }

    @Test
    void readingAnUndeclaredKeyIsAProgrammingError() {
        PluginConfig config = SPEC.bind("decoder.", Map.of());
        assertThatThrownBy(() -> config.getInt("hiden")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key 'decoder.hiden' is not declared by this plugin");
        assertThatThrownBy(() -> config.getStringList("x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAreUnmodifiable() {
        PluginConfig config = SPEC.bind("", Map.of("layers", "1,2"));
        assertThatThrownBy(() -> config.values().put("hidden", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(config.getIntList("layers")).isEqualTo(List.of(1, 2));
    }
}
