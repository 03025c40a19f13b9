package org.specsoc.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.runner.wiring.ExperimentType;
import org.specsoc.runner.wiring.RunnerExtension;

class ExperimentsExtensionTest {

    private final Injector injector = Guice.createInjector(new ExperimentsExtension());

    private Map<String, ExperimentType> types() {
        return injector.getInstance(Key.get(new TypeLiteral<Map<String, ExperimentType>>() { }));
    }

    @Test
    void registersTheFourExperimentTypesAndIsDiscoverable() {
        assertThat(types()).containsOnlyKeys("split", "loro", "finetune", "train");
        types().forEach((name, type) -> assertThat(type.name()).isEqualTo(name));
        assertThat(ServiceLoader.load(RunnerExtension.class).stream().map(ServiceLoader.Provider::type))
                .contains(ExperimentsExtension.class);
    }

    @Test
    void defaultsAreThePaperSettings() {
        PluginConfig loro = types().get("loro").configSpec().bind("experiment.", Map.of());
        assertThat(loro.getLongList("seeds")).containsExactly(0L, 329823L, 23L, 983219L);
        assertThat(loro.getStringList("architectures")).containsExactly("none", "ann", "linear-mixing");
        PluginConfig split = types().get("split").configSpec().bind("experiment.", Map.of());
        assertThat(split.getLongList("seeds")).hasSize(10);
        assertThat(split.getDouble("validation-fraction")).isEqualTo(0.4);
        assertThat(split.getString("split.group-by")).isEqualTo("spectrum");
        PluginConfig finetune = types().get("finetune").configSpec().bind("experiment.", Map.of());
        assertThat(finetune.getInt("finetune.labelled-pedons")).isEqualTo(10);
        assertThat(finetune.getInt("finetune.target-pedons")).isEqualTo(5);
        assertThat(finetune.getInt("finetune.epochs")).isEqualTo(25);
        assertThatThrownBy(() -> types().get("split").configSpec().bind("experiment.",
                Map.of("split.group-by", "site"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("experiment.split.group-by");
    }

    @Test
    void withoutATrainerRunsFailNamingTheMissingBinding() {
        RunFunctionFactory factory = injector.getInstance(RunFunctionFactory.class);
        assertThatThrownBy(() -> factory.create(null, null)).hasMessageContaining("no trainer is installed")
                .hasMessageContaining("RunFunctionFactory");
        assertThat(injector.getInstance(GroundTruthLookup.class).find(() -> null, null)).isEmpty();
    }
}
