package org.specsoc.api.data;

import java.io.IOException;

/** What a dataset plugin creates: a generator or a reader that yields one {@link SpectralDataset}. */
public interface SpectralDataSource {

    /** Loads (or generates) the data. Malformed input fails with one message naming file, line and column. */
    SpectralDataset load() throws IOException;
}
