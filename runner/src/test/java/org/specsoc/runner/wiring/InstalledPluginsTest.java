package org.specsoc.runner.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.runner.config.ConfigSection;
import org.specsoc.runner.testing.FakeExperimentType;
import org.specsoc.runner.testing.FakeWorld;

class InstalledPluginsTest {

    private static AbstractModule section(String prefix, ConfigSpec spec) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), ConfigSection.class).addBinding()
                        .toInstance(new ConfigSection(prefix, spec));
            }
        };
    }

    @Test
    void listsWhatTheBindersHold() {
        InstalledPlugins installed = new FakeWorld().injector().getInstance(InstalledPlugins.class);

        assertThat(installed.experimentTypes().keySet()).containsExactly("split", "sweep");
        assertThat(installed.sections().keySet()).containsExactly("output.", "train.");
        assertThat(installed.computeBackends().keySet()).containsExactly("java", "opencl");
        assertThat(installed.factories(PluginKind.ENCODER).keySet()).containsExactly("cnn", "mlp");
    }

    @Test
    void aSectionMayNotTakeAPluginPrefix() {
        var world = new FakeWorld().with(section("decoder.extra.", ConfigSpec.empty()));
        assertThatThrownBy(world::injector).isInstanceOf(CreationException.class)
                .hasMessageContaining("config section 'decoder.extra.' uses the prefix 'decoder.', which belongs to"
                        + " plugins or experiment types");
    }

    @Test
    void aKeyDeclaredByTwoSectionsIsAWiringError() {
        var world = new FakeWorld().with(section("train.", ConfigSpec.builder()
                .integer("epochs", 1, 1, 2, "again").build()));
        assertThatThrownBy(world::injector).isInstanceOf(CreationException.class)
                .hasMessageContaining("config section 'train.': key 'epochs' declared twice");
    }

    @Test
    void aKeyDeclaredUnderTwoNestedSectionPrefixesIsAWiringError() {
        var world = new FakeWorld()
                .with(section("eval.", ConfigSpec.builder().bool("plots.enabled", true, "a").build()))
                .with(section("eval.plots.", ConfigSpec.builder().bool("enabled", true, "b").build()));
        assertThatThrownBy(world::injector).isInstanceOf(CreationException.class)
                .hasMessageContaining("key 'eval.plots.enabled' is declared by config sections");
    }

    @Test
    void anExperimentTypeBoundUnderAnotherNameIsAWiringError() {
        var world = new FakeWorld().with(new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, ExperimentType.class).addBinding("loro")
                        .toInstance(new FakeExperimentType("lolo", ConfigSpec.empty(), Set.of(), env -> { }));
            }
        });
        assertThatThrownBy(world::injector).isInstanceOf(CreationException.class)
                .hasMessageContaining("is named 'lolo' but bound under 'loro'");
    }
}
