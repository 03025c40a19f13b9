package org.specsoc.runner.training.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.specsoc.api.io.AtomicFileWriter;
import org.specsoc.runner.archive.ArchiveFixtures;
import org.specsoc.runner.archive.ArchiveFormatException;
import org.specsoc.runner.archive.ModelArchive;
import org.specsoc.runner.archive.ModelArchiveReader;
import org.specsoc.runner.archive.ModelArchiveWriter;
import org.specsoc.runner.archive.Tensor;

class CheckpointStoreTest {
    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(CheckpointStore.class);

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    static TrainingCheckpoint checkpoint(int epoch) {
        ModelArchive model = ArchiveFixtures.archive(epoch, 2, 6);
        var random = new SplittableRandom(epoch);
        var m = new LinkedHashMap<String, float[]>();
        var v = new LinkedHashMap<String, float[]>();
        for (String name : List.of("encoder.l0.weight", "encoder.l1.weight")) {
            float[] a = new float[18];
            float[] b = new float[18];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) random.nextGaussian();
                b[i] = (float) random.nextDouble();
            }
            m.put(name, a);
            v.put(name, b);
        }
        m.put("flat", new float[] {1, 2, 3});
        v.put("flat", new float[] {4, 5, Float.MIN_VALUE});
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.put("shuffle-position", 1234567890123L).put("best-loss", 0.125);
        return new TrainingCheckpoint(epoch, 40L * epoch, 42, model, m, v, state);
    }

    private CheckpointStore store(int every, int keep) {
        return new CheckpointStore(dir.resolve("checkpoints"), new CheckpointSettings(every, keep, false, true));
    }

    private List<String> files() throws IOException {
        try (var s = Files.list(dir.resolve("checkpoints"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savedCheckpointComesBackBitExact() throws IOException {
        var store = store(10, 2);
        TrainingCheckpoint saved = checkpoint(120);
        Path file = store.save(saved);

        assertThat(file.getFileName()).hasToString("checkpoint-epoch-000120.zip");
        TrainingCheckpoint back = store.latest().orElseThrow();
        assertThat(back).isEqualTo(saved);
        assertThat(back.model()).isEqualTo(saved.model());
        assertThat(back.firstMoments().keySet()).containsExactly("encoder.l0.weight", "encoder.l1.weight", "flat");
        assertThat(back.secondMoments().get("flat")).containsExactly(4, 5, Float.MIN_VALUE);
        assertThat(back.trainerState().get("shuffle-position").asLong()).isEqualTo(1234567890123L);
        // A checkpoint is also a model archive; the moments of a parameter take its shape.
        ModelArchive raw = ModelArchiveReader.read(file);
        assertThat(raw.requireTensor("optimizer.adam-m.encoder.l0.weight").shape()).containsExactly(3, 6);
        assertThat(raw.requireTensor("optimizer.adam-v.flat").shape()).containsExactly(3);
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

    @Test
    void keepsOnlyTheNewest() throws IOException {
        var store = store(10, 2);
        for (int epoch = 10; epoch <= 40; epoch += 10) {
            store.save(checkpoint(epoch));
        }
        assertThat(files()).containsExactly("checkpoint-epoch-000030.zip", "checkpoint-epoch-000040.zip");
        assertThat(store.latest().orElseThrow().epoch()).isEqualTo(40);
    }

    @Test
    void damagedNewestIsSkippedWithAWarning() throws IOException {
        var store = store(10, 3);
        store.save(checkpoint(10));
        Path newest = store.save(checkpoint(20));
        byte[] bytes = Files.readAllBytes(newest);
        float[] weights = checkpoint(20).model().requireTensor("encoder.l1.weight").data();
        var pattern = java.nio.ByteBuffer.allocate(4 * weights.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        pattern.asFloatBuffer().put(weights);
        int at = indexOf(bytes, pattern.array());
        assertThat(at).isPositive();
        bytes[at + 5] ^= 0x10;
        Files.write(newest, bytes);

        assertThat(store.latest().orElseThrow().epoch()).isEqualTo(10);
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .isEqualTo("skipping a damaged checkpoint: " + newest + ", entry tensors/encoder.l1.weight.bin:"
                        + " corrupted: its SHA-256 does not match the manifest; trying the one before"));
    }

    @Test
    void truncatedOnlyCheckpointMeansNoCheckpoint() throws IOException {
        var store = store(10, 3);
        Path only = store.save(checkpoint(10));
        byte[] bytes = Files.readAllBytes(only);
        Files.write(only, Arrays.copyOf(bytes, bytes.length - 100));
        assertThat(store.latest()).isEmpty();
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("truncated").endsWith("no older checkpoint is left"));
    }

    @Test
    void writeKilledHalfwayLeavesATemporaryFileThatIsIgnoredAndCleaned() throws IOException {
        var store = store(10, 2);
        store.save(checkpoint(10));
        // What a SIGKILL during the write of epoch 20 leaves: a temporary sibling with part of the zip.
        byte[] full = Files.readAllBytes(store.directory().resolve(CheckpointStore.fileName(10)));
        Path stray = AtomicFileWriter.createTemporarySibling(store.directory().resolve(
                CheckpointStore.fileName(20)));
        Files.write(stray, Arrays.copyOf(full, full.length / 2));
        Path unrelated = Files.writeString(store.directory().resolve(".notes.txt.1a.tmp"), "not ours");

        assertThat(store.latest().orElseThrow().epoch()).isEqualTo(10);
        assertThat(stray).doesNotExist();
        assertThat(unrelated).exists();
        assertThat(files()).containsExactly(".notes.txt.1a.tmp", "checkpoint-epoch-000010.zip");
    }

    @Test
    void failedWriteKeepsThePreviousCheckpoints() throws IOException {
        var store = store(10, 1);
        store.save(checkpoint(10));
        // A write that fails (here: the target is a folder) must not prune the checkpoint that is still needed.
        Files.createDirectories(store.directory().resolve(CheckpointStore.fileName(20)));
        assertThatThrownBy(() -> store.save(checkpoint(20))).isInstanceOf(IOException.class);
        assertThat(store.latest().orElseThrow().epoch()).isEqualTo(10);
    }

    @Test
    void savingAfterAResumeFromAnEarlierEpochDropsTheLaterOnes() throws IOException {
        var store = store(10, 5);
        store.save(checkpoint(10));
        store.save(checkpoint(20));
        store.save(checkpoint(30));
        store.save(checkpoint(20));
        assertThat(files()).containsExactly("checkpoint-epoch-000010.zip", "checkpoint-epoch-000020.zip");
    }

    @Test
    void dueEveryNEpochsAndNeverWhenOff() {
        var store = store(25, 2);
        assertThat(List.of(1, 24, 25, 26, 50, 1000).stream().filter(store::isDue)).containsExactly(25, 50, 1000);
        var off = store(0, 2);
        assertThat(List.of(0, 1, 25, 50).stream().filter(off::isDue)).isEmpty();
    }

    @Test
    void discardAllRemovesCheckpointsAndLeftovers() throws IOException {
        var store = store(10, 3);
        store.save(checkpoint(10));
        store.save(checkpoint(20));
        AtomicFileWriter.createTemporarySibling(store.directory().resolve(CheckpointStore.fileName(30)));
        store.discardAll();
        assertThat(files()).isEmpty();
        assertThat(store(10, 3).latest()).isEmpty();
    }

    @Test
    void resumesOnlyARunOfTheSameConfiguration() throws IOException {
        var store = CheckpointStore.forRun(dir, new CheckpointSettings(10, 2, false, true));
        TrainingCheckpoint saved = checkpoint(30);
        store.save(saved);
        assertThat(store.directory()).isEqualTo(dir.resolve("checkpoints"));
        var config = new java.util.TreeMap<>(saved.model().config());
        config.put("train.epochs", "2000");
        config.put("compute.backend", "opencl");
        assertThat(store.resumable(config)).contains(saved);

        config.put("encoder.hidden", "256");
        config.remove("train.seed");
        assertThatThrownBy(() -> store.resumable(config)).isInstanceOf(IllegalStateException.class)
                .hasMessage(store.directory() + " holds a checkpoint (epoch 30) of a run with another configuration:"
                        + " encoder.hidden: 512 -> 256; train.seed: 42 -> (unset). Use another output.dir, delete the"
                        + " checkpoints, or set train.checkpoint.resume=false.");
        var off = CheckpointStore.forRun(dir, new CheckpointSettings(10, 2, false, false));
        assertThat(off.resumable(config)).isEmpty();
    }

    @Test
    void emptyOrMissingFolderHasNoCheckpoint() throws IOException {
        assertThat(store(10, 2).latest()).isEmpty();
    }

    @Test
    void plainModelArchiveIsNotACheckpoint() throws IOException {
        Path file = dir.resolve("model.zip");
        ModelArchiveWriter.write(ArchiveFixtures.archive(1, 1, 4), file);
        assertThatThrownBy(() -> TrainingCheckpoint.fromArchive(ModelArchiveReader.read(file), file))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessage(file + ", entry extras/checkpoint.json: missing: this is a model archive, not a training"
                        + " checkpoint");
    }

    @Test
    void checkpointValidatesItsParts() {
        ModelArchive model = ArchiveFixtures.archive(1, 1, 4);
        assertThatThrownBy(() -> new TrainingCheckpoint(1, 1, 1, model, Map.of("a", new float[2]),
                Map.of("a", new float[3]), null)).hasMessageContaining("'a' has 2 first moments but 3");
        assertThatThrownBy(() -> new TrainingCheckpoint(1, 1, 1, model, Map.of("a", new float[2]),
                Map.of("b", new float[2]), null)).hasMessageContaining("name different buffers");
        ModelArchive clash = model.withTensors(List.of(Tensor.vector("optimizer.lr", new float[1])));
        assertThatThrownBy(() -> new TrainingCheckpoint(1, 1, 1, clash, Map.of(), Map.of(), null))
                .hasMessageContaining("'optimizer.lr' uses the prefix 'optimizer.'");
    }
}
