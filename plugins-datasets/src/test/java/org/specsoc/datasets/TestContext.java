package org.specsoc.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.model.TrainingListener;
import org.specsoc.api.plugin.PluginContext;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.api.plugin.SpectralLibraryReader;

/** A plugin context with this module's library readers and a base folder; no compute backend. */
public record TestContext(Path baseDirectory) implements PluginContext {

    @Override
    public ComputeBackend backend() {
        throw new UnsupportedOperationException("no backend in dataset tests");
    }

    @Override
    public RandomStreams random() {
        return new RandomStreams(0);
    }

    @Override
    public List<TrainingListener> listeners() {
        return List.of();
    }

    @Override
    public SpectralLibrary readLibrary(Path file) throws IOException {
        for (SpectralLibraryReader r : new DatasetsPlugin().spectralLibraryReaders()) {
            if (r.accepts(file)) {
                return r.read(file);
            }
        }
        throw new IOException("no reader for " + file);
    }
}
