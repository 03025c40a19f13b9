package org.specsoc.runner.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.runner.testing.FakeFactories;
import org.specsoc.runner.testing.FakePlugin;
import org.specsoc.runner.testing.FakeWorld;

class PluginRegistryTest {

    @Test
    void serviceLoaderFindsThePluginRegisteredWithAutoService() {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());

        assertThat(registry.factories(PluginKind.ENCODER)).containsKey("fixture-encoder");
        assertThat(registry.factories(PluginKind.DECODER)).containsKey("fixture-decoder");
        assertThat(registry.factories(PluginKind.DATASET)).containsKey("fixture-dataset");
        assertThat(registry.factories(PluginKind.ENCODER).get("fixture-encoder").configSpec().names())
                .containsExactly("width");
    }

    @Test
    void discoveryThroughTheWiringBindsTheFixtureIntoTheMapBinder() {
        var injector = SpecsocWiring.discover();
        var encoders = injector.getInstance(Key.get(new TypeLiteral<Map<String, EncoderFactory>>() { }));
        assertThat(encoders.get("fixture-encoder")).isInstanceOf(FakeFactories.Encoders.class);
        assertThat(injector.getInstance(InstalledPlugins.class).factories(PluginKind.ENCODER))
                .containsKey("fixture-encoder");
    }

    @Test
    void factoriesAreSortedByNameAndTypedPerKind() {
        PluginRegistry registry = PluginRegistry.of(List.of(new FakeWorld().plugin()));

        assertThat(registry.factories(PluginKind.DECODER).keySet()).containsExactly("ann", "linear-mixing", "none");
        assertThat(registry.factories(PluginKind.DECODER, DecoderFactory.class).get("ann"))
                .isInstanceOf(DecoderFactory.class);
        assertThat(registry.factories(PluginKind.COMPUTE_BACKEND).keySet()).containsExactly("java", "opencl");
        assertThat(registry.factories(PluginKind.PREPROCESSOR).keySet()).containsExactly("savgol", "snv");
    }

    @Test
    void twoFactoriesWithOneNameAreAnErrorNamingBothClasses() {
        var first = new FakePlugin().decoder(new FakeFactories.Decoders("ann", ConfigSpec.empty()));
        var second = new FakePlugin().decoder(new OtherAnn());

        var e = catchThrowableOfType(ConfigurationException.class,
                () -> PluginRegistry.of(List.of(first, second)));

        assertThat(e.problems()).containsExactly("two decoder factories are named 'ann': "
                + FakeFactories.Decoders.class.getName() + " and " + OtherAnn.class.getName());
    }

    @Test
    void theSameNameInDifferentKindsIsFine() {
        var plugin = new FakePlugin().decoder(new FakeFactories.Decoders("none", ConfigSpec.empty()))
                .preprocessor(new FakeFactories.Preprocessors("none", ConfigSpec.empty()));
        assertThat(PluginRegistry.of(List.of(plugin)).factories(PluginKind.PREPROCESSOR)).containsKey("none");
    }

    @Test
    void namesMustBeLowerCaseAndDashSeparated() {
        var plugin = new FakePlugin().encoder(new FakeFactories.Encoders("Big_MLP", ConfigSpec.empty()))
                .decoder(new FakeFactories.Decoders("linear mixing", ConfigSpec.empty()));

        var e = catchThrowableOfType(ConfigurationException.class, () -> PluginRegistry.of(List.of(plugin)));

        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0)).contains("'Big_MLP'").contains("lower-case words separated by dashes");
        assertThat(e.problems().get(1)).contains("'linear mixing'");
    }

    private static final class OtherAnn extends FakeDecoder {
        OtherAnn() {
            super("ann");
        }
    }

    private static class FakeDecoder implements DecoderFactory {
        private final String name;

        FakeDecoder(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "another " + name;
        }

        @Override
        public ConfigSpec configSpec() {
            return ConfigSpec.empty();
        }

        @Override
        public org.specsoc.api.model.Decoder create(org.specsoc.api.config.PluginConfig config,
                                                    org.specsoc.api.plugin.PluginContext context,
                                                    org.specsoc.api.model.ModelShape shape) {
            throw new UnsupportedOperationException();
        }
    }
}
