package org.specsoc.decoders;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.model.TrainingListener;
import org.specsoc.api.plugin.PluginContext;
import org.specsoc.api.plugin.RandomStreams;

/** A plugin context whose data source offers {@code library} (or none) and which reads no files. */
record LibraryContext(SpectralLibrary library) implements PluginContext {

    @Override
    public ComputeBackend backend() {
        throw new UnsupportedOperationException("not needed by decoder factories");
    }

    @Override
    public RandomStreams random() {
        return new RandomStreams(1);
    }

    @Override
    public List<TrainingListener> listeners() {
        return List.of();
    }

    @Override
    public SpectralLibrary readLibrary(Path file) throws IOException {
        throw new java.nio.file.NoSuchFileException(file.toString());
    }

    @Override
    public Optional<SpectralLibrary> datasetLibrary() {
        return Optional.ofNullable(library);
    }

    @Override
    public Path baseDirectory() {
        return Path.of("").toAbsolutePath();
    }

    /** A smooth synthetic library of {@code count} endmembers on an integer-nm grid. */
    static SpectralLibrary synthetic(int count, int firstNm, int lastNm) {
        int m = lastNm - firstNm + 1;
        double[] w = new double[m];
        float[][] s = new float[count][m];
        double[] rhoR = new double[count];
        var names = new java.util.ArrayList<String>();
        for (int e = 0; e < count; e++) {
            names.add("mineral-" + e);
            rhoR[e] = 0.7 + 2.5 * e / Math.max(1, count - 1);
            for (int b = 0; b < m; b++) {
                w[b] = firstNm + b;
                s[e][b] = (float) (0.5 + 0.4 * Math.sin(0.003 * (e + 1) * (b + 1) + e));
            }
        }
        return new SpectralLibrary(names, w, s, rhoR, "synthetic library");
    }
}
