package org.specsoc.datasets.envi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.io.AtomicFileWriter;

/**
 * An ENVI header ({@code .hdr}): the image geometry and data layout plus the spectral metadata a reflectance
 * product carries. Parsing follows what ENVI and spectral python ({@code spectral/io/envi.py}) accept: the
 * first line is {@code ENVI}; then {@code key = value} lines whose keys are case-insensitive; a value opened
 * with <code>{</code> may span lines until <code>}</code>; lines starting with {@code ;} are comments. Every
 * problem found is reported at once, naming the header file and the key (and line).
 *
 * <p>Units: wavelengths and FWHM are held in nanometres whatever the header's {@code wavelength units}
 * (micrometres, millimetres are converted). A header without units is read as micrometres when every
 * wavelength is below 100 (no sensor band centre is below 100 nm, no micrometre value above it) and as
 * nanometres otherwise, with a log line saying so.
 *
 * <p>Absent optional values: empty arrays ({@link #wavelengths()}, {@link #fwhm()}, {@link #goodBands()},
 * {@link #dataGainValues()}, {@link #dataOffsetValues()}), an empty list of band names, an empty
 * {@link OptionalDouble}. {@link #georeference()} holds the raw values of {@code map info},
 * {@code coordinate system string} and {@code projection info} so that an output image can carry them over
 * unchanged.
 *
 * @param file                   the header file this was read from (for messages); {@code null} when built
 * @param dataGainValues         per-band gain applied to the stored values (value = gain x stored + offset)
 * @param reflectanceScaleFactor ENVI's meaning: the value that, divided into the data, gives 0..1 reflectance
 * @param fileType               {@code ENVI Standard} for images, {@code ENVI Spectral Library} for .sli files
 */
public record EnviHeader(Path file, int samples, int lines, int bands, long headerOffset, EnviDataType dataType,
                         EnviInterleave interleave, ByteOrder byteOrder, double[] wavelengths, double[] fwhm,
                         boolean[] goodBands, double[] dataGainValues, double[] dataOffsetValues,
                         OptionalDouble dataIgnoreValue, OptionalDouble reflectanceScaleFactor,
                         List<String> bandNames, String description, Map<String, String> georeference,
                         String fileType, List<String> spectraNames) {

    private static final Logger LOG = LoggerFactory.getLogger(EnviHeader.class);

    /** The header keys that place an image on the ground; copied verbatim from an input to its outputs. */
    public static final List<String> GEOREFERENCE_KEYS =
            List.of("map info", "coordinate system string", "projection info");

    /** Data-file names tried next to a header {@code x.hdr}, in order, as ENVI and GDAL do. */
    private static final List<String> DATA_EXTENSIONS =
            List.of("", ".img", ".dat", ".sli", ".bsq", ".bil", ".bip", ".raw", ".bin");

    public EnviHeader {
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(interleave, "interleave");
        Objects.requireNonNull(byteOrder, "byteOrder");
        if (samples <= 0 || lines <= 0 || bands <= 0) {
            throw new IllegalArgumentException("samples, lines and bands must be positive: " + samples + ", "
                    + lines + ", " + bands);
        }
        if (headerOffset < 0) {
            throw new IllegalArgumentException("header offset must not be negative: " + headerOffset);
        }
        fileType = fileType == null || fileType.isBlank() ? "ENVI Standard" : fileType.strip();
        int channels = spectralLibrary(fileType) ? samples : bands;
        wavelengths = requireLength(wavelengths, channels, "wavelength");
        fwhm = requireLength(fwhm, channels, "fwhm");
        goodBands = goodBands == null ? new boolean[0] : goodBands.clone();
        if (goodBands.length != 0 && goodBands.length != channels) {
            throw new IllegalArgumentException("bbl has " + goodBands.length + " values for " + channels + " bands");
        }
        dataGainValues = requireLength(dataGainValues, bands, "data gain values");
        dataOffsetValues = requireLength(dataOffsetValues, bands, "data offset values");
        dataIgnoreValue = dataIgnoreValue == null ? OptionalDouble.empty() : dataIgnoreValue;
        reflectanceScaleFactor = reflectanceScaleFactor == null ? OptionalDouble.empty() : reflectanceScaleFactor;
        bandNames = bandNames == null ? List.of() : List.copyOf(bandNames);
        if (!bandNames.isEmpty() && bandNames.size() != bands) {
            throw new IllegalArgumentException(bandNames.size() + " band names for " + bands + " bands");
        }
        description = description == null ? "" : description;
        georeference = georeference == null ? Map.of() : Map.copyOf(georeference);
        spectraNames = spectraNames == null ? List.of() : List.copyOf(spectraNames);
        if (!spectraNames.isEmpty() && spectraNames.size() != lines) {
            throw new IllegalArgumentException(spectraNames.size() + " spectra names for " + lines + " lines");
        }
    }

    private static boolean spectralLibrary(String fileType) {
        return fileType.toLowerCase(Locale.ROOT).contains("spectral library");
    }

    private static double[] requireLength(double[] values, int bands, String key) {
        if (values == null) {
            return new double[0];
        }
        if (values.length != 0 && values.length != bands) {
            throw new IllegalArgumentException(key + " has " + values.length + " values for " + bands + " bands");
        }
        return values.clone();
    }

    /**
     * A plain image header: no spectral metadata, no offset, little-endian. Use the {@code with...} methods to
     * add the rest.
     */
    public static EnviHeader of(int samples, int lines, int bands, EnviDataType dataType, EnviInterleave interleave) {
        return new EnviHeader(null, samples, lines, bands, 0, dataType, interleave, ByteOrder.LITTLE_ENDIAN, null,
                null, null, null, null, OptionalDouble.empty(), OptionalDouble.empty(), List.of(), "", Map.of(),
                "ENVI Standard", List.of());
    }

    public EnviHeader withWavelengths(double[] nanometres, double[] fwhmNanometres) {
        return new EnviHeader(file, samples, lines, bands, headerOffset, dataType, interleave, byteOrder,
                nanometres, fwhmNanometres, goodBands, dataGainValues, dataOffsetValues, dataIgnoreValue,
                reflectanceScaleFactor, bandNames, description, georeference, fileType, spectraNames);
    }

    public EnviHeader withGoodBands(boolean[] bbl) {
        return new EnviHeader(file, samples, lines, bands, headerOffset, dataType, interleave, byteOrder,
                wavelengths, fwhm, bbl, dataGainValues, dataOffsetValues, dataIgnoreValue, reflectanceScaleFactor,
                bandNames, description, georeference, fileType, spectraNames);
    }

    public EnviHeader withGainsAndOffsets(double[] gains, double[] offsets) {
        return new EnviHeader(file, samples, lines, bands, headerOffset, dataType, interleave, byteOrder,
                wavelengths, fwhm, goodBands, gains, offsets, dataIgnoreValue, reflectanceScaleFactor, bandNames,
                description, georeference, fileType, spectraNames);
    }

    public EnviHeader withDataIgnoreValue(double value) {
        return new EnviHeader(file, samples, lines, bands, headerOffset, dataType, interleave, byteOrder,
                wavelengths, fwhm, goodBands, dataGainValues, dataOffsetValues, OptionalDouble.of(value),
                reflectanceScaleFactor, bandNames, description, georeference, fileType, spectraNames);
    }

    public EnviHeader withReflectanceScaleFactor(double factor) {
        return new EnviHeader(file, samples, lines, bands, headerOffset, dataType, interleave, byteOrder,
                wavelengths, fwhm, goodBands, dataGainValues, dataOffsetValues, dataIgnoreValue,
                OptionalDouble.of(factor), bandNames, description, georeference, fileType, spectraNames);
    }

    public EnviHeader withLayout(long offset, ByteOrder order) {
        return new EnviHeader(file, samples, lines, bands, offset, dataType, interleave, order, wavelengths, fwhm,
                goodBands, dataGainValues, dataOffsetValues, dataIgnoreValue, reflectanceScaleFactor, bandNames,
                description, georeference, fileType, spectraNames);
    }

    public EnviHeader withBandNames(List<String> names) {
        return new EnviHeader(file, samples, lines, bands, headerOffset, dataType, interleave, byteOrder,
                wavelengths, fwhm, goodBands, dataGainValues, dataOffsetValues, dataIgnoreValue,
                reflectanceScaleFactor, names, description, georeference, fileType, spectraNames);
    }

    public EnviHeader withDescription(String text) {
        return new EnviHeader(file, samples, lines, bands, headerOffset, dataType, interleave, byteOrder,
                wavelengths, fwhm, goodBands, dataGainValues, dataOffsetValues, dataIgnoreValue,
                reflectanceScaleFactor, bandNames, text, georeference, fileType, spectraNames);
    }

    public EnviHeader withGeoreference(Map<String, String> rawValues) {
        return new EnviHeader(file, samples, lines, bands, headerOffset, dataType, interleave, byteOrder,
                wavelengths, fwhm, goodBands, dataGainValues, dataOffsetValues, dataIgnoreValue,
                reflectanceScaleFactor, bandNames, description, rawValues, fileType, spectraNames);
    }

    public EnviHeader withFileType(String type, List<String> names) {
        return new EnviHeader(file, samples, lines, bands, headerOffset, dataType, interleave, byteOrder,
                wavelengths, fwhm, goodBands, dataGainValues, dataOffsetValues, dataIgnoreValue,
                reflectanceScaleFactor, bandNames, description, georeference, type, names);
    }

    /**
     * Whether this describes a spectral library ({@code .sli}: one spectrum per line, {@code samples} values per
     * spectrum, {@code bands} = 1) rather than an image. Then {@link #wavelengths()}, {@link #fwhm()} and
     * {@link #goodBands()} run along samples, and {@link #spectraNames()} names the lines.
     */
    public boolean isSpectralLibrary() {
        return spectralLibrary(fileType);
    }

    /** Values per spectrum: {@code samples} for a spectral library, {@code bands} for an image. */
    public int spectralChannels() {
        return isSpectralLibrary() ? samples : bands;
    }

    public boolean hasWavelengths() {
        return wavelengths.length == spectralChannels();
    }

    public boolean hasFwhm() {
        return fwhm.length == spectralChannels();
    }

    /** Whether band {@code b} is usable: {@code bbl} absent or 1. */
    public boolean isGoodBand(int b) {
        return goodBands.length == 0 || goodBands[b];
    }

    /** Bytes of image data after the header offset. */
    public long dataBytes() {
        return (long) samples * lines * bands * dataType.bytes();
    }

    /** Where this header was read from, for messages. */
    public String name() {
        return file == null ? "ENVI header" : file.toString();
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * The header for a path the user gave: the path itself when it ends in {@code .hdr}, otherwise
     * {@code x.hdr} next to data file {@code x.img} or {@code x.img.hdr}, whichever exists.
     */
    public static Path headerFor(Path given) throws EnviFormatException {
        String name = given.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".hdr")) {
            return given;
        }
        Path appended = given.resolveSibling(name + ".hdr");
        if (Files.isRegularFile(appended)) {
            return appended;
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            Path replaced = given.resolveSibling(name.substring(0, dot) + ".hdr");
            if (Files.isRegularFile(replaced)) {
                return replaced;
            }
        }
        throw new EnviFormatException(given + ": no ENVI header next to it (looked for " + appended.getFileName()
                + (dot > 0 ? " and " + name.substring(0, dot) + ".hdr" : "") + ")");
    }

    /** The data file that belongs to this header: {@code x} or {@code x.img}, {@code .dat}, ... next to it. */
    public Path dataFile() throws EnviFormatException {
        if (file == null) {
            throw new IllegalStateException("header was not read from a file");
        }
        String name = file.getFileName().toString();
        String base = name.substring(0, name.length() - 4);
        for (String ext : DATA_EXTENSIONS) {
            for (String e : List.of(ext, ext.toUpperCase(Locale.ROOT))) {
                Path candidate = file.resolveSibling(base + e);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new EnviFormatException(file + ": no data file next to it (looked for " + DATA_EXTENSIONS.stream()
                .map(e -> base + e).collect(Collectors.joining(", ")) + ")");
    }

    /** Reads and validates a header; every problem found is listed in one {@link EnviFormatException}. */
    public static EnviHeader read(Path headerFile) throws IOException {
        List<String> text = decode(Files.readAllBytes(headerFile)).lines().toList();
        Map<String, Entry> entries = entries(headerFile, text);
        return new Interpreter(headerFile, entries).header();
    }

    /** A value and the line it started on. */
    private record Entry(String value, int line) {
    }

    /** Headers are ASCII in principle; real ones carry Latin-1 'µ' now and then. */
    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static Map<String, Entry> entries(Path file, List<String> text) throws EnviFormatException {
        int first = 0;
        while (first < text.size() && text.get(first).isBlank()) {
            first++;
        }
        if (first == text.size() || !text.get(first).strip().toUpperCase(Locale.ROOT).startsWith("ENVI")) {
            throw new EnviFormatException(file + ": not an ENVI header (its first line must be 'ENVI')");
        }
        var entries = new LinkedHashMap<String, Entry>();
        var problems = new ArrayList<String>();
        for (int i = first + 1; i < text.size(); i++) {
            String line = text.get(i).strip();
            if (line.isEmpty() || line.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add("line " + (i + 1) + ": expected 'key = value', found '" + abbreviate(line) + "'");
                continue;
            }
            String key = line.substring(0, eq).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            int start = i;
            if (value.startsWith("{")) {
                var joined = new StringBuilder(value);
                while (joined.indexOf("}") < 0 && i + 1 < text.size()) {
                    joined.append('\n').append(text.get(++i).strip());
                }
                if (joined.indexOf("}") < 0) {
                    problems.add("line " + (start + 1) + ": the value of '" + key + "' opens '{' but never closes it");
                    break;
                }
                value = joined.toString();
            }
            if (entries.put(key, new Entry(value, start + 1)) != null) {
                LOG.warn("{}: key '{}' appears more than once; line {} wins", file, key, start + 1);
            }
        }
        if (!problems.isEmpty()) {
            throw new EnviFormatException(file + ": " + String.join("; ", problems));
        }
        return entries;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Turns raw entries into typed values, collecting every problem. */
    private static final class Interpreter {
        private final Path file;
        private final Map<String, Entry> entries;
        private final List<String> problems = new ArrayList<>();

        Interpreter(Path file, Map<String, Entry> entries) {
            this.file = file;
            this.entries = entries;
        }

        EnviHeader header() throws EnviFormatException {
            var missing = new ArrayList<String>();
            for (String key : List.of("samples", "lines", "bands", "data type", "interleave")) {
                if (!entries.containsKey(key)) {
                    missing.add("'" + key + "'");
                }
            }
            if (!missing.isEmpty()) {
                problems.add("required key" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                        + (missing.size() > 1 ? " are" : " is") + " missing");
            }
            int samples = positiveInt("samples");
            int lines = positiveInt("lines");
            int bands = positiveInt("bands");
            long offset = entries.containsKey("header offset") ? nonNegativeLong("header offset") : 0;
            EnviDataType dataType = dataType();
            EnviInterleave interleave = interleave();
            ByteOrder byteOrder = byteOrder();
            String fileType = entries.containsKey("file type") ? unbraced(entries.get("file type").value()) : null;
            int channels = fileType != null && spectralLibrary(fileType) ? samples : bands;
            double unitFactor = wavelengthUnitFactor();
            double[] wavelengths = scaled(doubles("wavelength", channels), unitFactor);
            double[] fwhm = scaled(doubles("fwhm", channels), unitFactor);
            if (wavelengths.length > 0 && unitFactor == 0) {
                unitFactor = guessedUnitFactor(wavelengths);
                wavelengths = scaled(wavelengths, unitFactor);
                fwhm = scaled(fwhm, unitFactor);
            }
            boolean[] good = goodBands(channels);
            double[] gains = doubles("data gain values", bands);
            double[] offsets = doubles("data offset values", bands);
            OptionalDouble ignore = optionalDouble("data ignore value");
            OptionalDouble scale = optionalDouble("reflectance scale factor");
            if (scale.isPresent() && !(scale.getAsDouble() > 0)) {
                problems.add(at("reflectance scale factor") + " must be a positive number, got "
                        + entries.get("reflectance scale factor").value());
            }
            List<String> names = entries.containsKey("band names") ? list("band names") : List.of();
            if (!names.isEmpty() && bands > 0 && names.size() != bands) {
                problems.add(at("band names") + " lists " + names.size() + " names for " + bands + " bands");
            }
            var geo = new LinkedHashMap<String, String>();
            for (String key : GEOREFERENCE_KEYS) {
                if (entries.containsKey(key)) {
                    geo.put(key, entries.get(key).value());
                }
            }
            List<String> spectra = entries.containsKey("spectra names") ? list("spectra names") : List.of();
            if (!spectra.isEmpty() && lines > 0 && spectra.size() != lines) {
                problems.add(at("spectra names") + " lists " + spectra.size() + " names for " + lines + " lines");
            }
            String description = entries.containsKey("description") ? unbraced(entries.get("description").value())
                    .strip() : "";
            if (!problems.isEmpty()) {
                throw new EnviFormatException(file + ": " + String.join("; ", problems));
            }
            return new EnviHeader(file, samples, lines, bands, offset, dataType, interleave, byteOrder, wavelengths,
                    fwhm, good, gains, offsets, ignore, scale, names, description, geo, fileType, spectra);
        }

        private String at(String key) {
            Entry e = entries.get(key);
            return "key '" + key + "'" + (e == null ? "" : " (line " + e.line() + ")");
        }

        private int positiveInt(String key) {
            Entry e = entries.get(key);
            if (e == null) {
                return 0;
            }
            try {
                int v = Integer.parseInt(e.value().strip());
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(at(key) + " must be a positive integer, got '" + abbreviate(e.value()) + "'");
            return 0;
        }

        private long nonNegativeLong(String key) {
            Entry e = entries.get(key);
            try {
                long v = Long.parseLong(e.value().strip());
                if (v >= 0) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(at(key) + " must be a non-negative integer, got '" + abbreviate(e.value()) + "'");
            return 0;
        }

        private EnviDataType dataType() {
            Entry e = entries.get("data type");
            if (e == null) {
                return EnviDataType.FLOAT32;
            }
            try {
                int code = Integer.parseInt(e.value().strip());
                var type = EnviDataType.ofCode(code);
                if (type.isPresent()) {
                    return type.get();
                }
                problems.add(at("data type") + ": " + code + (code == 6 || code == 9 ? " (complex)" : "")
                        + " is not supported; readable are " + Arrays.stream(EnviDataType.values())
                        .map(t -> t.code() + " (" + t.name().toLowerCase(Locale.ROOT) + ")")
                        .collect(Collectors.joining(", ")));
            } catch (NumberFormatException ex) {
                problems.add(at("data type") + " must be an ENVI data type number, got '" + e.value() + "'");
            }
            return EnviDataType.FLOAT32;
        }

        private EnviInterleave interleave() {
            Entry e = entries.get("interleave");
            if (e == null) {
                return EnviInterleave.BSQ;
            }
            try {
                return EnviInterleave.valueOf(e.value().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                problems.add(at("interleave") + " must be bsq, bil or bip, got '" + e.value() + "'");
                return EnviInterleave.BSQ;
            }
        }

        private ByteOrder byteOrder() {
            Entry e = entries.get("byte order");
            if (e == null) {
                // ENVI writes the key always; little-endian is what every current writer produces.
                LOG.warn("{}: no 'byte order' key; reading little-endian (byte order = 0)", file);
                return ByteOrder.LITTLE_ENDIAN;
            }
            switch (e.value().strip()) {
                case "0":
                    return ByteOrder.LITTLE_ENDIAN;
                case "1":
                    return ByteOrder.BIG_ENDIAN;
                default:
                    problems.add(at("byte order") + " must be 0 (little-endian) or 1 (big-endian), got '"
                            + e.value() + "'");
                    return ByteOrder.LITTLE_ENDIAN;
            }
        }

        /** Nanometres per header unit; 0 when the header does not say (decided from the values later). */
        private double wavelengthUnitFactor() {
            Entry e = entries.get("wavelength units");
            if (e == null) {
                return 0;
            }
            String unit = e.value().strip().toLowerCase(Locale.ROOT);
            return switch (unit) {
                case "nanometers", "nanometer", "nanometres", "nanometre", "nm" -> 1;
                case "micrometers", "micrometer", "micrometres", "micrometre", "microns", "micron", "um", "\u00b5m",
                     "\u03bcm" -> 1000;
                case "millimeters", "millimeter", "millimetres", "millimetre", "mm" -> 1e6;
                case "unknown", "" -> 0;
                default -> {
                    if (entries.containsKey("wavelength")) {
                        problems.add(at("wavelength units") + ": '" + e.value().strip()
                                + "' cannot be converted to nanometres (use Nanometers or Micrometers)");
                    }
                    yield 1;
                }
            };
        }

        private double guessedUnitFactor(double[] values) {
            double max = Arrays.stream(values).max().orElse(0);
            double factor = max < 100 ? 1000 : 1;
            LOG.info("{}: no wavelength units given; reading wavelengths (max {}) as {}", file, max,
                    factor == 1 ? "nanometres" : "micrometres");
            return factor;
        }

        private double[] scaled(double[] values, double factor) {
            if (factor == 0 || factor == 1) {
                return values;
            }
            double[] out = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i] * factor;
            }
            return out;
        }

        private double[] doubles(String key, int bands) {
            if (!entries.containsKey(key)) {
                return new double[0];
            }
            List<String> items = list(key);
            double[] values = new double[items.size()];
            for (int i = 0; i < items.size(); i++) {
                try {
                    values[i] = Double.parseDouble(items.get(i));
                } catch (NumberFormatException ex) {
                    problems.add(at(key) + ": item " + (i + 1) + " '" + abbreviate(items.get(i))
                            + "' is not a number");
                    return new double[0];
                }
            }
            if (bands > 0 && values.length != bands) {
                problems.add(at(key) + " lists " + values.length + " values for " + bands + " bands");
                return new double[0];
            }
            return values;
        }

        private boolean[] goodBands(int bands) {
            double[] bbl = doubles("bbl", bands);
            boolean[] good = new boolean[bbl.length];
            for (int i = 0; i < bbl.length; i++) {
                if (bbl[i] != 0 && bbl[i] != 1) {
                    problems.add(at("bbl") + ": item " + (i + 1) + " must be 0 or 1, got " + bbl[i]);
                }
                good[i] = bbl[i] != 0;
            }
            return good;
        }

        private OptionalDouble optionalDouble(String key) {
            Entry e = entries.get(key);
            if (e == null) {
                return OptionalDouble.empty();
            }
            try {
                return OptionalDouble.of(Double.parseDouble(unbraced(e.value()).strip()));
            } catch (NumberFormatException ex) {
                problems.add(at(key) + " must be a number, got '" + abbreviate(e.value()) + "'");
                return OptionalDouble.empty();
            }
        }

        private List<String> list(String key) {
            String inner = unbraced(entries.get(key).value());
            if (inner.isBlank()) {
                return List.of();
            }
            return Arrays.stream(inner.split(",")).map(String::strip).toList();
        }
    }

    private static String unbraced(String value) {
        String v = value.strip();
        if (v.startsWith("{")) {
            int close = v.lastIndexOf('}');
            return v.substring(1, close < 0 ? v.length() : close);
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** The header text; wavelengths are written in nanometres. */
    public String toText() {
        var sb = new StringBuilder("ENVI\n");
        if (!description.isEmpty()) {
            sb.append("description = {").append(description.replace('}', ')').replace('{', '(')).append("}\n");
        }
        sb.append("samples = ").append(samples).append('\n');
        sb.append("lines = ").append(lines).append('\n');
        sb.append("bands = ").append(bands).append('\n');
        sb.append("header offset = ").append(headerOffset).append('\n');
        sb.append("file type = ").append(fileType).append('\n');
        sb.append("data type = ").append(dataType.code()).append('\n');
        sb.append("interleave = ").append(interleave.headerValue()).append('\n');
        sb.append("byte order = ").append(byteOrder == ByteOrder.BIG_ENDIAN ? 1 : 0).append('\n');
        for (String key : GEOREFERENCE_KEYS) {
            if (georeference.containsKey(key)) {
                sb.append(key).append(" = ").append(georeference.get(key)).append('\n');
            }
        }
        if (hasWavelengths()) {
            sb.append("wavelength units = Nanometers\n");
            appendList(sb, "wavelength", wavelengths);
        }
        if (hasFwhm()) {
            appendList(sb, "fwhm", fwhm);
        }
        if (goodBands.length > 0) {
            double[] bbl = new double[goodBands.length];
            for (int i = 0; i < bbl.length; i++) {
                bbl[i] = goodBands[i] ? 1 : 0;
            }
            sb.append("bbl = {").append(Arrays.stream(bbl).mapToObj(v -> v == 1 ? "1" : "0")
                    .collect(Collectors.joining(", "))).append("}\n");
        }
        if (dataGainValues.length > 0) {
            appendList(sb, "data gain values", dataGainValues);
        }
        if (dataOffsetValues.length > 0) {
            appendList(sb, "data offset values", dataOffsetValues);
        }
        reflectanceScaleFactor.ifPresent(v -> sb.append("reflectance scale factor = ").append(number(v)).append('\n'));
        dataIgnoreValue.ifPresent(v -> sb.append("data ignore value = ").append(number(v)).append('\n'));
        if (!bandNames.isEmpty()) {
            for (String n : bandNames) {
                if (n.contains(",") || n.contains("}")) {
                    throw new IllegalArgumentException("band name '" + n + "' contains ',' or '}'");
                }
            }
            sb.append("band names = {").append(String.join(", ", bandNames)).append("}\n");
        }
        if (!spectraNames.isEmpty()) {
            sb.append("spectra names = {").append(String.join(", ", spectraNames)).append("}\n");
        }
        return sb.toString();
    }

    private static void appendList(StringBuilder sb, String key, double[] values) {
        sb.append(key).append(" = {");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : i % 8 == 0 ? ",\n " : ", ").append(number(values[i]));
        }
        sb.append("}\n");
    }

    /** Integers without a fraction, everything else in Java's shortest round-trip form. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Writes {@link #toText()} to {@code headerFile} atomically (temporary file in the same folder, then move). */
    public void write(Path headerFile) throws IOException {
        Path tmp = AtomicFileWriter.createTemporarySibling(headerFile);
        try {
            Files.writeString(tmp, toText(), StandardCharsets.UTF_8);
            Files.move(tmp, headerFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
