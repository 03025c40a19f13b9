package org.specsoc.runner.testing;

import java.util.ArrayList;
import java.util.List;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.api.plugin.SpectralLibraryReader;
import org.specsoc.api.plugin.SpectralPlugin;

/** A plugin assembled in a test from explicit factories. */
public final class FakePlugin implements SpectralPlugin {
    private final List<EncoderFactory> encoders = new ArrayList<>();
    private final List<DecoderFactory> decoders = new ArrayList<>();
    private final List<DatasetFactory> datasets = new ArrayList<>();
    private final List<PreprocessorFactory> preprocessors = new ArrayList<>();
    private final List<ComputeBackendFactory> backends = new ArrayList<>();
    private final List<SpectralLibraryReader> readers = new ArrayList<>();

    public FakePlugin encoder(EncoderFactory f) {
        encoders.add(f);
        return this;
    }

    public FakePlugin decoder(DecoderFactory f) {
        decoders.add(f);
        return this;
    }

    public FakePlugin dataset(DatasetFactory f) {
        datasets.add(f);
        return this;
    }

    public FakePlugin preprocessor(PreprocessorFactory f) {
        preprocessors.add(f);
        return this;
    }

    public FakePlugin backend(ComputeBackendFactory f) {
        backends.add(f);
        return this;
    }

    public FakePlugin reader(SpectralLibraryReader r) {
        readers.add(r);
        return this;
    }

    @Override
    public List<EncoderFactory> encoderFactories() {
        return encoders;
    }

    @Override
    public List<DecoderFactory> decoderFactories() {
        return decoders;
    }

    @Override
    public List<DatasetFactory> datasetFactories() {
        return datasets;
    }

    @Override
    public List<PreprocessorFactory> preprocessorFactories() {
        return preprocessors;
    }

    @Override
    public List<ComputeBackendFactory> computeBackendFactories() {
        return backends;
    }

    @Override
    public List<SpectralLibraryReader> spectralLibraryReaders() {
        return readers;
    }
}
