package org.specsoc.runner.training.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.specsoc.api.io.AtomicFileWriter;
import org.specsoc.runner.archive.ArchiveFormatException;
import org.specsoc.runner.archive.ModelArchiveReader;
import org.specsoc.runner.archive.ModelArchiveWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one training run, as {@code checkpoint-epoch-000120.zip} files in one folder: saved every
 * {@link CheckpointSettings#every()} epochs (atomically, so a crash leaves either the previous set or the new
 * one), the newest {@link CheckpointSettings#keep()} kept, and the newest readable one found again to resume.
 *
 * <p>One run writes to a folder at a time; temporary files found there are leftovers of a write that was killed
 * and are deleted.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    /** The folder of a run's checkpoints inside its run folder. */
    public static final String FOLDER = "checkpoints";
    /**
     * Key prefixes that may change between a checkpoint and the run resuming from it: how long and where it runs
     * and how it reports, not what it computes.
     */
    public static final List<String> RESUMABLE_CHANGES = List.of("train.epochs", "train.checkpoint.",
            "train.progress", "train.metrics.", "train.guard.", "compute.", "output.");
    private static final Pattern FILE = Pattern.compile("checkpoint-epoch-(\\d{6,9})\\.zip");

    private final Path directory;
    private final CheckpointSettings settings;

    public CheckpointStore(Path directory, CheckpointSettings settings) {
        this.directory = directory;
        this.settings = settings;
    }

    /** Checkpoints of the run writing to {@code runDirectory}: its {@value #FOLDER} folder. */
    public static CheckpointStore forRun(Path runDirectory, CheckpointSettings settings) {
        return new CheckpointStore(runDirectory.resolve(FOLDER), settings);
    }

    /**
     * The checkpoint to continue from, if resuming is on and there is an intact one; an error when it was made
     * with a configuration that differs from {@code effectiveConfig} in a key that changes the model or the data
     * (keys under {@link #RESUMABLE_CHANGES}, such as more epochs or another backend, may differ).
     *
     * @throws IllegalStateException naming the differing keys, so that a changed configuration never silently
     *                               continues an old run
     */
    public Optional<TrainingCheckpoint> resumable(Map<String, String> effectiveConfig) throws IOException {
        if (!settings.resume()) {
            return Optional.empty();
        }
        Optional<TrainingCheckpoint> latest = latest();
        if (latest.isEmpty()) {
            return latest;
        }
        var differences = new ArrayList<String>();
        var keys = new TreeSet<>(effectiveConfig.keySet());
        keys.addAll(latest.get().model().config().keySet());
        for (String key : keys) {
            if (RESUMABLE_CHANGES.stream().anyMatch(key::startsWith)) {
                continue;
            }
            String then = latest.get().model().config().get(key);
            String now = effectiveConfig.get(key);
            if (!Objects.equals(then == null ? null : then.strip(), now == null ? null : now.strip())) {
                differences.add(key + ": " + (then == null ? "(unset)" : then) + " -> " + (now == null ? "(unset)"
                        : now));
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException(directory + " holds a checkpoint (epoch " + latest.get().epoch()
                    + ") of a run with another configuration: " + String.join("; ", differences)
                    + ". Use another output.dir, delete the checkpoints, or set train.checkpoint.resume=false.");
        }
        LOG.info("resuming from {} (epoch {})", directory.resolve(fileName(latest.get().epoch())),
                latest.get().epoch());
        return latest;
    }

    public Path directory() {
        return directory;
    }

    public CheckpointSettings settings() {
        return settings;
    }

    /** The file name of the checkpoint after {@code epoch}. */
    public static String fileName(int epoch) {
        return String.format("checkpoint-epoch-%06d.zip", epoch);
    }

    /** Whether a checkpoint is due after {@code epoch} (1-based): checkpoints are on and it is a multiple. */
    public boolean isDue(int epoch) {
        return settings.enabled() && epoch > 0 && epoch % settings.every() == 0;
    }

    /**
     * Saves {@code checkpoint} atomically, then deletes checkpoints of later epochs (left by a run that went
     * further before it was resumed from an earlier point) and all but the newest {@code keep}.
     *
     * @return the file written
     */
    public Path save(TrainingCheckpoint checkpoint) throws IOException {
        Path file = directory.resolve(fileName(checkpoint.epoch()));
        long start = System.nanoTime();
        ModelArchiveWriter.write(checkpoint.toArchive(), file);
        LOG.info("checkpoint after epoch {} saved to {} ({} MB, {} ms)", checkpoint.epoch(), file,
                String.format("%.1f", Files.size(file) / 1e6), (System.nanoTime() - start) / 1_000_000);
        List<Path> all = checkpoints();
        var kept = new ArrayList<Path>();
        for (Path p : all) {
            if (epochOf(p) > checkpoint.epoch()) {
                LOG.info("deleting {}: it is from a later epoch of an abandoned continuation of this run", p);
                Files.deleteIfExists(p);
            } else {
                kept.add(p);
            }
        }
        for (int i = 0; i < kept.size() - settings.keep(); i++) {
            Files.deleteIfExists(kept.get(i));
        }
        return file;
    }

    /** The checkpoint files there, oldest epoch first. */
    public List<Path> checkpoints() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.filter(p -> FILE.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                    .sorted(Comparator.comparingInt(CheckpointStore::epochOf)).toList();
        }
    }

    /**
     * The newest checkpoint that reads back intact. A damaged newer one is skipped with a warning (it stays on
     * disk for inspection until a later save replaces or prunes it); temporary files of killed writes are
     * deleted first.
     */
    public Optional<TrainingCheckpoint> latest() throws IOException {
        removeTemporaryFiles();
        List<Path> all = checkpoints();
        for (int i = all.size() - 1; i >= 0; i--) {
            Path file = all.get(i);
            try {
                TrainingCheckpoint c = TrainingCheckpoint.fromArchive(ModelArchiveReader.read(file), file);
                if (c.epoch() != epochOf(file)) {
                    throw new ArchiveFormatException(file, null, "the file name says epoch " + epochOf(file)
                            + " but the checkpoint holds epoch " + c.epoch(), null);
                }
                return Optional.of(c);
            } catch (ArchiveFormatException | NoSuchFileException e) {
                LOG.warn("skipping a damaged checkpoint: {}{}", e.getMessage(),
                        i > 0 ? "; trying the one before" : "; no older checkpoint is left");
            }
        }
        return Optional.empty();
    }

    /** Deletes every checkpoint of the run (once its final model is saved, unless they are to be kept). */
    public void discardAll() throws IOException {
        removeTemporaryFiles();
        for (Path p : checkpoints()) {
            Files.deleteIfExists(p);
        }
    }

    /** Deletes temporary files that a killed checkpoint write left behind; returns how many. */
    public int removeTemporaryFiles() throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        List<Path> stray;
        try (var files = Files.list(directory)) {
            stray = files.filter(p -> AtomicFileWriter.isTemporaryOf(p, FILE)).toList();
        }
        for (Path p : stray) {
            LOG.info("deleting {}: an unfinished checkpoint write", p);
            Files.deleteIfExists(p);
        }
        return stray.size();
    }

    private static int epochOf(Path file) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file + " is not a checkpoint file");
        }
        return Integer.parseInt(m.group(1));
    }
}
