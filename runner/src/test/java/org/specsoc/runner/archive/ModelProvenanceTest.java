package org.specsoc.runner.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelProvenanceTest {
    @TempDir
    Path dir;

    @Test
    void datasetFilesAreIdentifiedByTheirContentHash() throws IOException {
        Path data = Files.writeString(dir.resolve("spectra.csv"), "abc");
        var file = ModelProvenance.DatasetFile.of("train", data, "data/spectra.csv", 17);
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        assertThat(file.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(file.file()).isEqualTo("data/spectra.csv");
        assertThat(file.rows()).isEqualTo(17);
    }

    @Test
    void builderRecordsThisJvmAndTheTimes() {
        Instant before = Instant.now();
        ModelProvenance p = ModelProvenance.builder().plugin("encoder", "mlp", ModelProvenance.class)
                .seed("master", 7).compute("opencl", "NVIDIA H200").build();
        assertThat(p.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(p.osName()).isEqualTo(System.getProperty("os.name"));
        assertThat(p.osArch()).isEqualTo(System.getProperty("os.arch"));
        assertThat(p.plugins()).containsExactly(new ModelProvenance.PluginVersion("encoder", "mlp", "development"));
        assertThat(p.seeds()).containsEntry("master", 7L);
        assertThat(p.compute().backend()).isEqualTo("opencl");
        assertThat(p.startedAt()).isBeforeOrEqualTo(p.finishedAt());
        assertThat(p.finishedAt()).isAfterOrEqualTo(before);
    }

    @Test
    void inconsistentProvenanceIsRefused() {
        assertThatThrownBy(() -> ModelProvenance.builder().build()).hasMessageContaining("compute backend");
        assertThatThrownBy(() -> ModelProvenance.builder().compute("java", "cpu")
                .startedAt(Instant.parse("2026-01-02T00:00:00Z")).finishedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build()).hasMessageContaining("finishes (2026-01-01T00:00:00Z) before it starts");
        assertThatThrownBy(() -> new ModelProvenance.DatasetFile("train", "x.csv", "ABC", 1))
                .hasMessageContaining("'ABC' is not a hex SHA-256");
    }

    @Test
    void provenanceJsonIsPlainTextForOtherTools() throws IOException {
        Path file = dir.resolve("model.zip");
        ModelArchiveWriter.write(ArchiveFixtures.archive(1, 1, 4), file);
        try (var zip = new ZipFile(file.toFile())) {
            var json = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("provenance.json")));
            assertThat(json.get("startedAt").asText()).isEqualTo("2026-01-02T03:04:05.123456Z");
            assertThat(json.get("datasets").get(0).get("sha256").asText()).isEqualTo("ab".repeat(32));
            assertThat(json.get("compute").get("details").get("simd").asText()).isEqualTo("AVX2");
            assertThat(json.get("seeds").get("init").asLong()).isEqualTo(-7);
            var format = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("format.json")));
            assertThat(format.get("format").asText()).isEqualTo("specsoc-model");
            assertThat(format.get("version").asInt()).isEqualTo(1);
        }
    }
}
