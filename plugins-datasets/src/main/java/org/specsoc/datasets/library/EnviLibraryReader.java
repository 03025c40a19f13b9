package org.specsoc.datasets.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.plugin.SpectralLibraryReader;
import org.specsoc.datasets.envi.EnviFormatException;
import org.specsoc.datasets.envi.EnviHeader;
import org.specsoc.datasets.envi.EnviImageReader;
import org.specsoc.datasets.envi.EnviTile;

/**
 * ENVI spectral libraries ({@code .sli} with its {@code .hdr}): one spectrum per line, {@code samples} channels,
 * names from {@code spectra names}, wavelengths from the header (micrometres converted by the header parser).
 * Values go through the header's gain, offset and reflectance scale factor as for images.
 */
public final class EnviLibraryReader implements SpectralLibraryReader {

    @Override
    public String format() {
        return "envi-sli";
    }

    @Override
    public boolean accepts(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".sli")) {
            return true;
        }
        if (name.endsWith(".hdr") && Files.isRegularFile(file)) {
            try {
                return EnviHeader.read(file).isSpectralLibrary();
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public SpectralLibrary read(Path file) throws IOException {
        EnviHeader header = EnviHeader.read(EnviHeader.headerFor(file));
        if (!header.isSpectralLibrary()) {
            throw new EnviFormatException(header.name() + ": file type is '" + header.fileType()
                    + "', not 'ENVI Spectral Library'");
        }
        if (!header.hasWavelengths()) {
            throw new EnviFormatException(header.name() + ": a spectral library needs 'wavelength' with "
                    + header.samples() + " values");
        }
        int channels = header.samples();
        int count = header.lines();
        EnviTile tile;
        try (var reader = EnviImageReader.open(file)) {
            tile = reader.read(0, count);
        }
        float[][] spectra = new float[count][];
        for (int i = 0; i < count; i++) {
            spectra[i] = Arrays.copyOfRange(tile.values(), i * channels, (i + 1) * channels);
        }
        var names = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            names.add(header.spectraNames().isEmpty() ? "spectrum_" + (i + 1) : header.spectraNames().get(i));
        }
        return new SpectralLibrary(names, header.wavelengths(), spectra, null, header.name());
    }
}
