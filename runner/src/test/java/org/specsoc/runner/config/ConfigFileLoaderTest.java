package org.specsoc.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.specsoc.api.config.ConfigurationException;

class ConfigFileLoaderTest {
    @TempDir
    Path dir;

    private final ConfigFileLoader loader = new ConfigFileLoader();

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void propertiesAndYamlGiveTheSameFlatKeys() throws IOException {
        Path properties = write("a.properties", """
                experiment.type = split
                encoder.type=mlp
                encoder.hidden=512
                encoder.dropout=0.1,0.2
                decoder.rho-r.enabled=true
                train.learning-rate=0.001
                output.dir=runs/${experiment.type}-${encoder.type}
                """);
        Path yaml = write("a.yaml", """
                experiment:
                  type: split
                encoder:
                  type: mlp
                  hidden: 512
                  dropout: [0.1, 0.2]
                decoder.rho-r.enabled: true
                train:
                  learning-rate: 0.001
                output:
                  dir: "runs/${experiment.type}-${encoder.type}"
                """);

        var fromProperties = loader.load(properties, Map.of()).values();
        var fromYaml = loader.load(yaml, Map.of()).values();

        assertThat(fromYaml).isEqualTo(fromProperties);
        assertThat(fromProperties).containsExactly(
                Map.entry("decoder.rho-r.enabled", "true"),
                Map.entry("encoder.dropout", "0.1,0.2"),
                Map.entry("encoder.hidden", "512"),
                Map.entry("encoder.type", "mlp"),
                Map.entry("experiment.type", "split"),
                Map.entry("output.dir", "runs/split-mlp"),
                Map.entry("train.learning-rate", "0.001"));
    }

    @Test
    void ymlExtensionIsYamlToo() throws IOException {
        Path yml = write("b.yml", "a:\n  b: 1\n");
        assertThat(loader.load(yml, Map.of()).values()).containsExactly(Map.entry("a.b", "1"));
    }

    @Test
    void setOverridesFileValuesAndAddsKeys() throws IOException {
        Path file = write("c.properties", "encoder.hidden=512\nencoder.type=mlp\n");
        var overrides = new LinkedHashMap<String, String>();
        overrides.put("encoder.hidden", "64");
        overrides.put("train.epochs", "3");

        LoadedConfiguration loaded = loader.load(file, overrides);

        assertThat(loaded.values()).containsExactly(Map.entry("encoder.hidden", "64"),
                Map.entry("encoder.type", "mlp"), Map.entry("train.epochs", "3"));
        assertThat(loaded.overridden()).containsExactly("encoder.hidden", "train.epochs");
        assertThat(loaded.name()).isEqualTo("c");
    }

    @Test
    void inFileReferencesSeeOverriddenValues() throws IOException {
        Path file = write("d.properties", "encoder.type=mlp\noutput.dir=runs/${encoder.type}\n");
        assertThat(loader.load(file, Map.of("encoder.type", "cnn")).values())
                .containsEntry("output.dir", "runs/cnn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"env:HOME", "sys:user.home", "script:javascript:3 + 4", "url:UTF-8:http://example.com",
            "dns:address|example.com", "file:UTF-8:/etc/hostname", "base64Decoder:SGVsbG8=",
            "const:java.io.File.separator"})
    void lookupsThatReachOutsideTheFileAreRefused(String lookup) throws IOException {
        Path file = write("e.properties", "output.dir=runs/${" + lookup + "}\n");

        var e = catchThrowableOfType(ConfigurationException.class, () -> loader.load(file, Map.of()));

        assertThat(e.problems()).containsExactly("key 'output.dir': the lookup '${" + lookup + "}' is refused;"
                + " values may only refer to other keys of the configuration, as ${other.key}");
    }

    @Test
    void refusedLookupsInOverridesAndInYamlAreReportedTogether() throws IOException {
        Path file = write("f.yaml", "a: \"${env:HOME}\"\nb: \"${sys:user.dir}\"\n");

        var e = catchThrowableOfType(ConfigurationException.class,
                () -> loader.load(file, Map.of("c", "${file:UTF-8:/etc/passwd}")));

        assertThat(e.problems()).hasSize(3).allMatch(p -> p.contains("is refused"));
        assertThat(e.problems().get(2)).startsWith("key 'c': the lookup '${file:UTF-8:/etc/passwd}'");
    }

    @Test
    void aReferenceToAMissingKeyIsAnError() throws IOException {
        Path file = write("g.properties", "output.dir=runs/${experiment.typ}\n");
        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: key 'output.dir': '${experiment.typ}' refers to a key that is"
                        + " not set");
    }

    @Test
    void aReferenceCycleIsAnError() throws IOException {
        Path file = write("h.properties", "a=${b}\nb=${a}\n");
        var e = catchThrowableOfType(ConfigurationException.class, () -> loader.load(file, Map.of()));
        assertThat(e.problems()).hasSize(2).allMatch(p -> p.contains("Infinite loop"));
    }

    @Test
    void aMissingFileIsOneLine() {
        Path missing = Path.of("examples", "no-such-file.properties");
        assertThatThrownBy(() -> loader.load(missing, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactly(
                        "config file '" + missing + "' does not exist"));
    }

    @Test
    void aDirectoryOrAnUnknownFormatIsRefused() throws IOException {
        assertThatThrownBy(() -> loader.load(dir, Map.of())).hasMessageContaining("is a directory");
        Path json = write("x.json", "{}");
        assertThatThrownBy(() -> loader.load(json, Map.of()))
                .hasMessageContaining("unsupported format; use .properties, .yaml or .yml");
    }

    @Test
    void aYamlSyntaxErrorNamesLineAndColumn() throws IOException {
        Path file = write("bad.yaml", "encoder:\n  type: mlp\n  hidden: [1, 2\n");
        var e = catchThrowableOfType(ConfigurationException.class, () -> loader.load(file, Map.of()));
        assertThat(e.problems()).singleElement().asString()
                .startsWith("config file '" + file + "', line 4, column 1: ")
                .doesNotContain("\n");
    }

    @Test
    void repeatedKeysAreErrorsInBothFormats() throws IOException {
        Path properties = write("dup.properties", "# comment\na=1\nb=2\na=3\n");
        var e = catchThrowableOfType(ConfigurationException.class, () -> loader.load(properties, Map.of()));
        assertThat(e.problems()).containsExactly(
                "config file '" + properties + "', line 4: key 'a' is already set on line 2");

        Path yaml = write("dup.yaml", "a: 1\na: 2\n");
        assertThatThrownBy(() -> loader.load(yaml, Map.of())).hasMessageContaining("line 2")
                .hasMessageContaining("duplicate key a");
    }

    @Test
    void includeIsAnOrdinaryKeyNotAFileReference() throws IOException {
        Path file = write("inc.properties", "include=/etc/hostname\n");
        assertThat(loader.load(file, Map.of()).values()).containsExactly(Map.entry("include", "/etc/hostname"));
    }

    @Test
    void yamlListsOfMapsAreRejected() throws IOException {
        Path file = write("lm.yaml", "a:\n  - b: 1\n  - b: 2\n");
        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .hasMessageContaining("key 'a' is a list of maps");
    }

    @Test
    void propertiesEscapesAndEmptyValuesAreKept() throws IOException {
        Path file = write("esc.properties", "a=caf\\u00e9 \\\n  au lait\nb=\nc = x\\=y\n");
        assertThat(loader.load(file, Map.of()).values())
                .containsExactly(Map.entry("a", "café au lait"), Map.entry("b", ""), Map.entry("c", "x=y"));
    }
}
