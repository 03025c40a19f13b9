package org.specsoc.encoders.plsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.SpectralPlugin;

class PlsrEncoderFactoryTest {
    private final PlsrEncoderFactory factory = new PlsrEncoderFactory();

    @Test
    void onlyDecoderNoneGoesWithPlsr() {
        assertThat(factory.decoderProblem("none")).isEmpty();
        assertThat(factory.decoderProblem("ann")).hasValueSatisfying(m ->
                assertThat(m).startsWith("encoder.type=plsr needs decoder.type=none, got 'ann'"));
    }

    @Test
    void keysBindWithTheirDefaultsAndRanges() {
        PlsrSettings defaults = PlsrSettings.from(PluginConfig.of(factory.configSpec(), Map.of()));
        assertThat(defaults).isEqualTo(PlsrSettings.defaults());
        PlsrSettings set = PlsrSettings.from(PluginConfig.of(factory.configSpec(), Map.of("plsr.scale", "true",
                "plsr.folds", "10", "plsr.max-components", "12", "plsr.selection", "one-se")));
        assertThat(set).isEqualTo(new PlsrSettings(true, 10, 12, 0, ComponentSelection.ONE_SE));
        assertThat(factory.configSpec().names()).allMatch(n -> n.startsWith("plsr."));
    }

    @Test
    void thePluginIsFoundByTheServiceLoader() {
        List<String> names = ServiceLoader.load(SpectralPlugin.class).stream()
                .flatMap(p -> p.get().encoderFactories().stream()).map(EncoderFactory::name).toList();
        assertThat(names).contains("plsr");
    }
}
