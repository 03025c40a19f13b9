package org.specsoc.datasets.library;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.plugin.SpectralLibraryReader;
import org.specsoc.datasets.csv.DataFormatException;

/**
 * The USGS splib07 ASCII release: one spectrum per file, a title line ({@code splib07a Record=...: <title>})
 * and then one reflectance per line; the wavelengths (in micrometres, same layout) are in a separate
 * {@code *Wavelengths*} file of the same channel count in the same folder. The value -1.23e34 marks a deleted
 * channel and becomes NaN. Given a folder, every spectrum file in it (other than wavelength and bandpass files)
 * becomes one endmember; all must share one wavelength file.
 */
public final class Splib07AsciiReader implements SpectralLibraryReader {
    private static final double DELETED = -1.0e34;

    @Override
    public String format() {
        return "usgs-splib07-ascii";
    }

    @Override
    public boolean accepts(Path file) {
        if (Files.isDirectory(file)) {
            try (Stream<Path> s = Files.list(file)) {
                return s.anyMatch(Splib07AsciiReader::isSpectrumFile);
            } catch (IOException e) {
                return false;
            }
        }
        return isSpectrumFile(file);
    }

    private static boolean isSpectrumFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".txt") || name.contains("wavelength") || name.contains("bandpass")
                || !Files.isRegularFile(file)) {
            return false;
        }
        try (var lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return lines.findFirst().map(l -> l.toLowerCase(Locale.ROOT).startsWith("splib07")).orElse(false);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    @Override
    public SpectralLibrary read(Path file) throws IOException {
        List<Path> files;
        Path folder;
        if (Files.isDirectory(file)) {
            folder = file;
            try (Stream<Path> s = Files.list(file)) {
                files = s.filter(Splib07AsciiReader::isSpectrumFile).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new DataFormatException(file,
                        "no splib07 spectrum files (*.txt starting 'splib07') in the folder");
            }
        } else {
            folder = file.toAbsolutePath().getParent();
            files = List.of(file);
        }
        var names = new ArrayList<String>();
        var spectra = new ArrayList<float[]>();
        double[] wavelengths = null;
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
            if (lines.isEmpty()) {
                throw new DataFormatException(f, "the file is empty");
            }
            String title = lines.get(0);
            int colon = title.indexOf(':');
            names.add((colon >= 0 ? title.substring(colon + 1) : title).trim());
            float[] values = values(f, lines);
            if (wavelengths == null) {
                wavelengths = wavelengthsFor(folder, values.length, f);
            } else if (wavelengths.length != values.length) {
                throw new DataFormatException(f, values.length + " channels, but the first spectrum has "
                        + wavelengths.length + "; one library needs one wavelength grid");
            }
            spectra.add(values);
        }
        return new SpectralLibrary(names, wavelengths, spectra.toArray(float[][]::new), null, file.toString());
    }

    private static float[] values(Path f, List<String> lines) throws DataFormatException {
        float[] v = new float[lines.size() - 1];
        int n = 0;
        for (int i = 1; i < lines.size(); i++) {
            String s = lines.get(i).trim();
            if (s.isEmpty()) {
                continue;
            }
            double d;
            try {
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new DataFormatException(f, i + 1, 1, null, "'" + s + "' is not a number");
            }
            v[n++] = d < DELETED ? Float.NaN : (float) d;
        }
        return java.util.Arrays.copyOf(v, n);
    }

    private static double[] wavelengthsFor(Path folder, int channels, Path spectrum) throws IOException {
        List<Path> candidates;
        try (Stream<Path> s = Files.list(folder)) {
            candidates = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).contains("wavelength"))
                    .sorted().toList();
        }
        for (Path c : candidates) {
            List<String> lines = Files.readAllLines(c, StandardCharsets.ISO_8859_1);
            float[] microns = values(c, lines);
            if (microns.length == channels) {
                double[] nm = new double[channels];
                for (int i = 0; i < channels; i++) {
                    // splib07 wavelength files are in micrometres.
                    nm[i] = Math.round(microns[i] * 1000.0 * 1000.0) / 1000.0;
                    if (i > 0 && !(nm[i] > nm[i - 1])) {
                        throw new DataFormatException(c, i + 2, 1, null, "wavelengths must increase: " + nm[i]
                                + " nm follows " + nm[i - 1] + " nm");
                    }
                }
                return nm;
            }
        }
        throw new DataFormatException(spectrum, "has " + channels + " channels but no *Wavelengths* file in "
                + folder + " has that many values");
    }
}
