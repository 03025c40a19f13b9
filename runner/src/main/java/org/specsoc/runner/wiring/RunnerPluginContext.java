package org.specsoc.runner.wiring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.model.TrainingListener;
import org.specsoc.api.plugin.PluginContext;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.api.plugin.SpectralLibraryReader;

/** The runner's {@link PluginContext}: one per purpose of a run, each with its own random streams. */
public final class RunnerPluginContext implements PluginContext {
    private final ComputeBackend backend;
    private final RandomStreams random;
    private final List<TrainingListener> listeners;
    private final List<SpectralLibraryReader> readers;
    private final Path baseDirectory;
    private final SpectralLibrary datasetLibrary;

    /**
     * @param backend        the run's backend, or {@code null} while the backend itself is being created
     * @param datasetLibrary the data source's own endmember library, or {@code null}
     */
    public RunnerPluginContext(ComputeBackend backend, RandomStreams random, List<TrainingListener> listeners,
                               List<SpectralLibraryReader> readers, Path baseDirectory,
                               SpectralLibrary datasetLibrary) {
        this.backend = backend;
        this.random = Objects.requireNonNull(random, "random");
        this.listeners = List.copyOf(listeners);
        this.readers = List.copyOf(readers);
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
        this.datasetLibrary = datasetLibrary;
    }

    @Override
    public ComputeBackend backend() {
        if (backend == null) {
            throw new IllegalStateException("no compute backend in this context: it is the one being created");
        }
        return backend;
    }

    @Override
    public RandomStreams random() {
        return random;
    }

    @Override
    public List<TrainingListener> listeners() {
        return listeners;
    }

    @Override
    public Optional<SpectralLibrary> datasetLibrary() {
        return Optional.ofNullable(datasetLibrary);
    }

    @Override
    public Path baseDirectory() {
        return baseDirectory;
    }

    /** Reads with the first installed reader that accepts the file. */
    @Override
    public SpectralLibrary readLibrary(Path file) throws IOException {
        Path resolved = resolve(file);
        if (!Files.isRegularFile(resolved)) {
            throw new NoSuchFileException(file.toString(), null, "spectral library file does not exist");
        }
        for (SpectralLibraryReader reader : readers) {
            if (reader.accepts(resolved)) {
                return reader.read(resolved);
            }
        }
        throw new IOException("no installed spectral library reader accepts '" + file + "'; formats: "
                + (readers.isEmpty() ? "none installed"
                        : String.join(", ", readers.stream().map(SpectralLibraryReader::format).toList())));
    }
}
