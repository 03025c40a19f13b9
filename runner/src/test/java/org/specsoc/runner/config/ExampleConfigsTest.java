package org.specsoc.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example configurations in the repository's examples/ folder. */
class ExampleConfigsTest {

    private static Path examples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples").resolve("quickstart.properties"))) {
                return dir.resolve("examples");
            }
        }
        throw new IllegalStateException("examples/quickstart.properties not found above the working directory");
    }

    @Test
    void quickstartInYamlIsTheSameAsInProperties() {
        var loader = new ConfigFileLoader();
        var properties = loader.load(examples().resolve("quickstart.properties"), Map.of()).values();
        var yaml = loader.load(examples().resolve("quickstart.yaml"), Map.of()).values();

        assertThat(yaml).isEqualTo(properties);
        assertThat(properties).containsEntry("experiment.type", "split")
                .containsEntry("dataset.type", "synthetic")
                .containsEntry("encoder.type", "mlp")
                .containsEntry("experiment.architectures", "none, ann, linear-mixing")
                .containsEntry("compute.backend", "auto");
    }
}
