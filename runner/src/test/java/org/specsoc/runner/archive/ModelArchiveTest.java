package org.specsoc.runner.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.runner.predict.Calibration;

class ModelArchiveTest {
    @TempDir
    Path dir;

    @Test
    void roundTripIsBitExact() throws IOException {
        ModelArchive original = ArchiveFixtures.archive(1, 3, 50);
        Path file = dir.resolve("model.zip");
        ModelArchiveWriter.write(original, file);

        ModelArchive back = ModelArchiveReader.read(file);

        assertThat(back).isEqualTo(original);
        assertThat(back.config()).isEqualTo(original.config())
                .containsEntry("dataset.path", "C:\\data\\raca, sample.csv");
        assertThat(back.provenance()).isEqualTo(original.provenance());
        assertThat(back.provenance().startedAt()).isEqualTo("2026-01-02T03:04:05.123456Z");
        assertThat(back.wavelengths()).containsExactly(original.wavelengths());
        assertThat(back.tensors().keySet()).containsExactlyElementsOf(original.tensors().keySet());
        for (Tensor t : original.tensors().values()) {
            Tensor b = back.requireTensor(t.name());
            assertThat(b.shape()).containsExactly(t.shape());
            for (int i = 0; i < t.data().length; i++) {
                assertThat(Float.floatToRawIntBits(b.data()[i])).as(t.name() + "[" + i + "]")
                        .isEqualTo(Float.floatToRawIntBits(t.data()[i]));
            }
        }
        assertThat(back.endmemberNames()).containsExactly("kaolinite", "SOC");
        assertThat(back.preprocessingSteps()).containsExactly(Map.of("name", "savgol", "window", "11"),
                Map.of("name", "snv"));
        Calibration calibration = Calibration.fromJsonTree(back.extra(ModelArchive.CALIBRATION).orElseThrow(),
                file + "!calibration");
        assertThat(calibration.interval()).isEqualTo(ArchiveFixtures.calibration().interval());
        assertThat(calibration.conformalScores()).containsExactly(ArchiveFixtures.calibration().conformalScores());
    }

    @Test
    void sameArchiveGivesSameBytes() throws IOException {
        var a = new ByteArrayOutputStream();
        var b = new ByteArrayOutputStream();
        ModelArchiveWriter.writeTo(ArchiveFixtures.archive(2, 2, 20), a);
        ModelArchiveWriter.writeTo(ArchiveFixtures.archive(2, 2, 20), b);
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
    }

    @Test
    void tensorsAreLittleEndianFloat32InTheLayoutTheIndexDescribes() throws IOException {
        ModelArchive original = ArchiveFixtures.archive(3, 2, 7);
        Path file = dir.resolve("model.zip");
        ModelArchiveWriter.write(original, file);

        try (var zip = new ZipFile(file.toFile())) {
            assertThat(zip.entries().nextElement().getName()).isEqualTo("format.json");
            var index = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("tensors.json")));
            assertThat(index.get("dtype").asText()).isEqualTo("<f4");
            assertThat(index.get("byteOrder").asText()).isEqualTo("little");
            assertThat(index.get("tensors")).hasSize(original.tensors().size());
            for (var t : index.get("tensors")) {
                Tensor expected = original.requireTensor(t.get("name").asText());
                assertThat(t.get("entry").asText()).isEqualTo("tensors/" + expected.name() + ".bin");
                int[] shape = new int[t.get("shape").size()];
                Arrays.setAll(shape, i -> t.get("shape").get(i).asInt());
                assertThat(shape).containsExactly(expected.shape());
                ZipEntry entry = zip.getEntry(t.get("entry").asText());
                assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
                ByteBuffer bytes = ByteBuffer.wrap(zip.getInputStream(entry).readAllBytes())
                        .order(ByteOrder.LITTLE_ENDIAN);
                assertThat(bytes.remaining()).isEqualTo(4 * expected.data().length);
                for (int i = 0; i < expected.data().length; i++) {
                    assertThat(bytes.getInt(4 * i)).isEqualTo(Float.floatToRawIntBits(expected.data()[i]));
                }
            }
        }
    }

    @Test
    void numpyReadsTheTensors() throws Exception {
        Assumptions.assumeTrue(pythonWithNumpy(), "python3 with numpy is not installed; skipping the numpy check");
        ModelArchive original = ArchiveFixtures.archive(4, 1, 5);
        Path file = dir.resolve("model.zip");
        ModelArchiveWriter.write(original, file);
        String script = String.join("\n",
                "import sys, json, zipfile, numpy as np",
                "z = zipfile.ZipFile(sys.argv[1])",
                "idx = {t['name']: t for t in json.loads(z.read('tensors.json'))['tensors']}",
                "t = idx['encoder.l0.weight']",
                "a = np.frombuffer(z.read(t['entry']), t['dtype']).reshape(t['shape'])",
                "print(a.shape[0], a.shape[1], repr(float(a[2, 4])))");
        Process p = new ProcessBuilder("python3", "-c", script, file.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as(out).isZero();
        float expected = original.requireTensor("encoder.l0.weight").data()[2 * 5 + 4];
        assertThat(out.split(" ")).containsExactly("3", "5", Double.toString(expected));
    }

    private static boolean pythonWithNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void writtenFileHasOrdinaryPermissionsAndNoTemporaryFileRemains() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("model.zip");
        ModelArchiveWriter.write(ArchiveFixtures.archive(5, 1, 4), file);
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(ordinary)));
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("model.zip", "ordinary");
        }
    }

    /** Every single flipped byte is either refused with one clear error or changes nothing the archive holds. */
    @Test
    void anyFlippedByteIsRefusedOrHarmless() throws IOException {
        ModelArchive original = ArchiveFixtures.archive(6, 1, 4);
        Path good = dir.resolve("good.zip");
        ModelArchiveWriter.write(original, good);
        byte[] bytes = Files.readAllBytes(good);
        Path bad = dir.resolve("bad.zip");
        int refused = 0;
        int tried = 0;
        // About every 13th byte, the step varying so that every field offset gets hit: quick, yet every part.
        for (int i = 0; i < bytes.length; i += 12 + i % 3) {
            tried++;
            byte[] damaged = bytes.clone();
            damaged[i] ^= 0x5A;
            Files.write(bad, damaged);
            try {
                assertThat(ModelArchiveReader.read(bad)).as("byte %d flipped", i).isEqualTo(original);
            } catch (ArchiveFormatException e) {
                assertThat(e.getMessage()).startsWith(bad.toString());
                refused++;
            }
        }
        // Most bytes are content; zip header fields that ZipFile ignores (local names, times, versions) may change
        // unnoticed, harmlessly, as the equality above checks.
        assertThat(refused).isGreaterThan(tried / 2);
    }

    @Test
    void corruptedTensorByteNamesTheEntry() throws IOException {
        ModelArchive original = ArchiveFixtures.archive(7, 2, 30);
        Path file = dir.resolve("model.zip");
        ModelArchiveWriter.write(original, file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] tensorBytes = ModelArchiveWriter.littleEndian(original.requireTensor("encoder.l1.weight").data());
        int at = indexOf(bytes, tensorBytes);
        assertThat(at).isPositive();
        bytes[at + 17] ^= 1;
        Files.write(file, bytes);
        List<Path> before;
        try (var files = Files.list(dir)) {
            before = files.toList();
        }

        assertThatThrownBy(() -> ModelArchiveReader.read(file))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessage(file + ", entry tensors/encoder.l1.weight.bin: corrupted: its SHA-256 does not match"
                        + " the manifest")
                .satisfies(e -> assertThat(((ArchiveFormatException) e).entry())
                        .contains("tensors/encoder.l1.weight.bin"));
        try (var files = Files.list(dir)) {
            assertThat(files).as("reading writes nothing").containsExactlyInAnyOrderElementsOf(before);
        }
        assertThat(file).hasBinaryContent(bytes);
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        Path good = dir.resolve("good.zip");
        ModelArchiveWriter.write(ArchiveFixtures.archive(8, 2, 30), good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.zip");
        for (int length : new int[] {0, 3, 4, 100, bytes.length / 2, bytes.length - 22, bytes.length - 1}) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> ModelArchiveReader.read(cut)).as("cut to %d bytes", length)
                    .isInstanceOf(ArchiveFormatException.class)
                    .hasMessageStartingWith(cut.toString())
                    .hasMessageContaining(length < 4 ? "not a zip file" : "truncated");
        }
    }

    @Test
    void foreignZipIsRefused() throws IOException {
        Path file = dir.resolve("photos.zip");
        writeZip(file, Map.of("hello.txt", "hi".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> ModelArchiveReader.read(file)).isInstanceOf(ArchiveFormatException.class)
                .hasMessage(file + ": not a specsoc model archive: a zip file without format.json");

        writeZip(file, Map.of("format.json", "{\"format\":\"other-model\",\"version\":1,\"writtenBy\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> ModelArchiveReader.read(file)).isInstanceOf(ArchiveFormatException.class)
                .hasMessage(file + ", entry format.json: not a specsoc model archive: the format is 'other-model',"
                        + " not 'specsoc-model'");
    }

    @Test
    void newerFormatVersionIsRefused() throws IOException {
        Path file = dir.resolve("model.zip");
        ModelArchiveWriter.write(ArchiveFixtures.archive(9, 1, 4), file);
        Path newer = dir.resolve("newer.zip");
        rewrite(file, newer, "format.json", json -> json.put("version", 2));
        assertThatThrownBy(() -> ModelArchiveReader.read(newer)).isInstanceOf(ArchiveFormatException.class)
                .hasMessageContaining("entry format.json: format version 2 (written by specsoc 0.1.0-test) is newer"
                        + " than this specsoc reads (version 1)");
    }

    @Test
    void entryOutsideTheManifestIsRefused() throws IOException {
        Path file = dir.resolve("model.zip");
        ModelArchiveWriter.write(ArchiveFixtures.archive(10, 1, 4), file);
        Path extended = dir.resolve("extended.zip");
        copyWith(file, extended, Map.of("tensors/smuggled.bin", new byte[8]));
        assertThatThrownBy(() -> ModelArchiveReader.read(extended)).isInstanceOf(ArchiveFormatException.class)
                .hasMessage(extended + ", entry tensors/smuggled.bin: not listed in the manifest");
    }

    @Test
    void randomBytesAndMissingFilesAreRefused() throws IOException {
        Path noise = dir.resolve("noise.zip");
        byte[] random = new byte[4096];
        new SplittableRandom(11).nextBytes(random);
        Files.write(noise, random);
        assertThatThrownBy(() -> ModelArchiveReader.read(noise)).isInstanceOf(ArchiveFormatException.class)
                .hasMessage(noise + ": not a specsoc model archive: not a zip file");

        Path text = dir.resolve("model.zip");
        Files.writeString(text, "PK but not really a zip");
        assertThatThrownBy(() -> ModelArchiveReader.read(text)).isInstanceOf(ArchiveFormatException.class)
                .hasMessageStartingWith(text + ": not a specsoc model archive: not a zip file");

        assertThatThrownBy(() -> ModelArchiveReader.read(dir.resolve("absent.zip")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("absent.zip");
    }

    @Test
    void archiveValidatesItsParts() {
        ModelArchive a = ArchiveFixtures.archive(12, 1, 4);
        assertThatThrownBy(() -> new Tensor("bad/name", new int[] {1}, new float[1]))
                .hasMessageContaining("tensor name 'bad/name'");
        assertThatThrownBy(() -> new Tensor("w", new int[] {2, 3}, new float[5]))
                .hasMessageContaining("shape [2, 3] (6 values) but 5 values");
        assertThatThrownBy(() -> a.withTensors(List.of(Tensor.vector("special.values", new float[1]))))
                .hasMessageContaining("already in the archive");
        assertThatThrownBy(() -> ModelArchive.of(Map.of(), ArchiveFixtures.provenance(), new double[] {2, 1},
                List.of(), List.of(), Map.of())).hasMessageContaining("strictly increasing; index 1");
        assertThatThrownBy(() -> a.withExtra("Not Ok", a.extras().get("calibration")))
                .hasMessageContaining("extra name 'Not Ok'");
        assertThat(a.withoutTensors("encoder.").tensors().keySet())
                .containsExactly("special.values", "decoder.rho-r_soc");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    private interface JsonEdit {
        void apply(ObjectNode json);
    }

    private static void rewrite(Path from, Path to, String entryName, JsonEdit edit) throws IOException {
        var mapper = new ObjectMapper();
        try (var in = new ZipInputStream(Files.newInputStream(from));
             var out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(entryName)) {
                    ObjectNode json = (ObjectNode) mapper.readTree(content);
                    edit.apply(json);
                    content = mapper.writeValueAsBytes(json);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
    }

    private static void copyWith(Path from, Path to, Map<String, byte[]> more) throws IOException {
        try (var in = new ZipInputStream(Files.newInputStream(from));
             var out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
            for (var e : more.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }
}
