package org.specsoc.api.data;

import java.io.IOException;
import java.util.Optional;

/** What a dataset plugin creates: a generator or a reader that yields one {@link SpectralDataset}. */
public interface SpectralDataSource {

    /** Loads (or generates) the data. Malformed input fails with one message naming file, line and column. */
    SpectralDataset load() throws IOException;

    /**
     * The endmember library this source itself knows (the synthetic generator's minerals), which the
     * linear-mixing decoder can use with {@code decoder.endmembers=dataset}. Empty for plain readers.
     */
    default Optional<SpectralLibrary> endmembers() {
        return Optional.empty();
    }
}
