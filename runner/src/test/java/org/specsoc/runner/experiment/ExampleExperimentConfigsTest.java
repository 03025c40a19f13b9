package org.specsoc.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.runner.config.ConfigFileLoader;
import org.specsoc.runner.wiring.ExperimentType;

/**
 * The experiment examples: their {@code experiment.} keys bind against the experiment types (the other
 * sections are checked by the plugins that own them, once installed), and the paper's runs are what they plan.
 */
class ExampleExperimentConfigsTest {

    private static Path examples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples"))) {
                return dir.resolve("examples");
            }
        }
        throw new IllegalStateException("examples/ not found above the working directory");
    }

    private static final Map<String, ExperimentType> TYPES = Guice.createInjector(new ExperimentsExtension())
            .getInstance(Key.get(new TypeLiteral<Map<String, ExperimentType>>() { }));

    @ParameterizedTest
    @ValueSource(strings = {"paper-table1", "paper-exp1", "paper-exp3", "paper-table1-synthetic",
        "paper-exp1-synthetic", "paper-exp3-synthetic", "real-leave-one-dataset-out"})
    void experimentKeysBind(String name) {
        Map<String, String> values = new ConfigFileLoader().load(examples().resolve(name + ".properties"), Map.of())
                .values();
        ExperimentType type = TYPES.get(values.get("experiment.type"));
        assertThat(type).as(name).isNotNull();
        var own = new TreeMap<String, String>();
        values.forEach((k, v) -> {
            if (k.startsWith("experiment.") && !k.equals("experiment.type")) {
                own.put(k.substring("experiment.".length()), v);
            }
        });
        PluginConfig config = type.configSpec().bind("experiment.", own);
        int seeds = config.getLongList("seeds").size();
        if (name.startsWith("paper-table1")) {
            assertThat(seeds).isEqualTo(name.endsWith("synthetic") ? 2 : 10);
        } else if (name.startsWith("paper-")) {
            assertThat(seeds).isEqualTo(name.endsWith("synthetic") ? 2 : 4);
        }
        assertThat(config.getStringList("architectures")).containsExactly("none", "ann", "linear-mixing");
        if (!name.endsWith("synthetic") && name.startsWith("paper-")) {
            assertThat(values).containsEntry("train.batch-size", "300").containsEntry("train.learning-rate", "5e-5")
                    .containsEntry("train.epochs", name.equals("paper-exp3") ? "500" : "1000")
                    .containsEntry("eval.batchnorm", "batch-statistics");
        }
    }
}
