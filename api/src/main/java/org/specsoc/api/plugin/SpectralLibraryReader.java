package org.specsoc.api.plugin;

import java.io.IOException;
import java.nio.file.Path;
import org.specsoc.api.data.SpectralLibrary;

/** Reads one format of endmember spectral library (CSV, USGS splib07 ASCII, ENVI .sli). */
public interface SpectralLibraryReader {

    /** Short format name for messages, e.g. {@code envi-sli}. */
    String format();

    /** True when this reader recognises the file (by extension or a peek at its first bytes). */
    boolean accepts(Path file);

    SpectralLibrary read(Path file) throws IOException;
}
