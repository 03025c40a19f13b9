package org.specsoc.datasets.synthetic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.data.SpectralLibrary;

/** The {@code synthetic} data source: generates on {@link #load()}, remembers the truth of the last load. */
public final class SyntheticDataSource implements SpectralDataSource {
    private static final Logger LOG = LoggerFactory.getLogger(SyntheticDataSource.class);

    private final SyntheticGenerator generator;
    private final Optional<Path> truthDirectory;
    private volatile SyntheticTruth lastTruth;

    public SyntheticDataSource(SyntheticGenerator generator, Optional<Path> truthDirectory) {
        this.generator = generator;
        this.truthDirectory = truthDirectory;
    }

    @Override
    public SpectralDataset load() throws IOException {
        var result = generator.generate();
        lastTruth = result.truth();
        if (truthDirectory.isPresent()) {
            result.truth().writeTo(truthDirectory.get());
            LOG.info("synthetic ground truth written to {}", truthDirectory.get());
        }
        LOG.info("generated {}", result.dataset());
        return result.dataset();
    }

    /** The analytic (or configured) minerals, for {@code decoder.endmembers=dataset}; SOC is not among them. */
    @Override
    public Optional<SpectralLibrary> endmembers() {
        return Optional.of(generator.minerals());
    }

    /** What the last {@link #load()} planted; empty before the first load. */
    public Optional<SyntheticTruth> truth() {
        return Optional.ofNullable(lastTruth);
    }

    public SyntheticGenerator generator() {
        return generator;
    }
}
