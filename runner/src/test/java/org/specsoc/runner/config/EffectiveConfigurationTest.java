package org.specsoc.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void writtenFileReadsBackToTheSameValues() throws IOException {
        var values = new TreeMap<String, String>();
        values.put("b.key", "a comma, a = sign: and a colon");
        values.put("a.key", "café \\ back\\slash #not-a-comment");
        values.put("c.empty", "");
        var effective = new EffectiveConfiguration(values, List.of("compute backend: auto chose java"));

        Path file = effective.writeTo(dir);

        assertThat(file).isEqualTo(dir.resolve("effective-config.properties"));
        assertThat(Files.readString(file)).contains("# compute backend: auto chose java");
        assertThat(new ConfigFileLoader().load(file, Map.of()).values()).isEqualTo(values);
    }

    @Test
    void surroundingWhiteSpaceIsDropped() {
        assertThat(new EffectiveConfiguration(Map.of("a", "  x y \t")).values()).containsExactly(Map.entry("a", "x y"));
    }

    @Test
    void keysAreWrittenSorted() throws IOException {
        var effective = new EffectiveConfiguration(Map.of("z", "1", "a", "2", "m", "3"));
        List<String> lines = Files.readAllLines(effective.writeTo(dir)).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertThat(lines).containsExactly("a=2", "m=3", "z=1");
    }

    @Test
    void rewritingReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
        new EffectiveConfiguration(Map.of("a", "1")).writeTo(dir);
        new EffectiveConfiguration(Map.of("a", "2")).writeTo(dir);

        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve(EffectiveConfiguration.FILE_NAME));
        }
        assertThat(new ConfigFileLoader().load(dir.resolve(EffectiveConfiguration.FILE_NAME), Map.of()).values())
                .containsExactly(Map.entry("a", "2"));
    }

    @Test
    void renderShowsOneAlignedLinePerKey() {
        String text = new EffectiveConfiguration(Map.of("long.key", "1", "k", "2")).render();
        assertThat(text.lines().filter(l -> !l.isEmpty()).toList())
                .containsExactly("  k        = 2", "  long.key = 1");
    }
}
