package org.specsoc.api.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.model.TrainingListener;

/**
 * The services a plugin may use (Trino's {@code ConnectorContext}). Plugins get everything through here:
 * no static singletons, no global random state.
 */
public interface PluginContext {

    /** The compute backend chosen for this run. */
    ComputeBackend backend();

    /** Random streams of this run, split per purpose. */
    RandomStreams random();

    /** Listeners that want training events. */
    List<TrainingListener> listeners();

    /** Reads a spectral library in any format a loaded plugin understands. */
    SpectralLibrary readLibrary(Path file) throws IOException;

    /** The endmember library of the run's data source, when it has one (see SpectralDataSource#endmembers). */
    default Optional<SpectralLibrary> datasetLibrary() {
        return Optional.empty();
    }

    /** Directory relative paths in the configuration are resolved against: the working directory. */
    Path baseDirectory();

    /** Resolves a configured path against {@link #baseDirectory()}. */
    default Path resolve(Path configured) {
        return configured.isAbsolute() ? configured : baseDirectory().resolve(configured).normalize();
    }
}
