package org.specsoc.runner.experiment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.specsoc.api.io.AtomicFileWriter;

/**
 * One JSON file per finished or failed run ({@link RunResult#status()}), {@code <run id>.json}, written atomically (a temporary file renamed over
 * the target), so a file that exists is complete. A kill leaves at most a hidden {@code .<name>*.tmp}
 * file, which is never read. This is what makes a sweep resumable: a run whose file exists and says {@link RunStatus#OK} is done.
 */
public final class RunStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path directory;

    public RunStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    public Path resultFile(RunKey key) {
        return directory.resolve(key.id() + ".json");
    }

    /** Where a run saves its model when a later phase starts from it. */
    public Path modelPath(RunKey key) {
        return directory.resolve(key.id() + ".model");
    }

    public Path learningCurve(RunKey key) {
        return directory.resolve(key.id() + ".curve.csv");
    }

    /** The stored result of {@code key}, if that run finished. */
    public Optional<RunResult> find(RunKey key) throws IOException {
        Path file = resultFile(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        RunResult result;
        try {
            result = JSON.readValue(file.toFile(), RunResult.class);
        } catch (IOException e) {
            throw new IOException("run result " + file + " cannot be read (" + e.getMessage()
                    + "); delete it to run that run again", e);
        }
        if (!key.equals(result.key())) {
            throw new IOException("run result " + file + " holds run " + result.key() + ", not " + key);
        }
        return Optional.of(result);
    }

    /** Whether {@code key} finished successfully; a stored failure does not count (it is retried). */
    public boolean succeeded(RunKey key) throws IOException {
        return find(key).map(RunResult::succeeded).orElse(false);
    }

    /** Whether {@code key} has a stored result, successful or not. */
    public boolean contains(RunKey key) {
        return Files.isRegularFile(resultFile(key));
    }

    /** Writes the result atomically. */
    public void save(RunResult result) throws IOException {
        AtomicFileWriter.write(resultFile(result.key()), JSON.writeValueAsBytes(result));
    }
}
