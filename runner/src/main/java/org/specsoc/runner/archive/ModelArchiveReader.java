package org.specsoc.runner.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.configuration2.PropertiesConfiguration;

/**
 * Loads a {@link ModelArchive}, trusting nothing: the file must be a zip whose {@code format.json} names this
 * format at a version this code knows, every entry must be listed in the manifest with a matching SHA-256, and
 * every part must parse and agree with the others. Any failure is one {@link ArchiveFormatException} naming the
 * file and the entry; nothing is written.
 */
public final class ModelArchiveReader {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private ModelArchiveReader() {
    }

    /**
     * Reads and verifies {@code file}.
     *
     * @throws ArchiveFormatException when the file is not a readable archive of this format (the message says why)
     * @throws IOException            when the file cannot be read at all (missing, no permission)
     */
    public static ModelArchive read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such model archive");
        }
        requireZipMagic(file);
        Map<String, byte[]> entries;
        try (var zip = new ZipFile(file.toFile())) {
            entries = readVerified(file, zip);
        } catch (ArchiveFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The file was readable a moment ago (its first bytes were), so this is the zip structure failing:
            // ZipFile reports a damaged end record as EOFException or worse, not always as ZipException.
            throw new ArchiveFormatException(file, null, "not a readable zip file (truncated or damaged?): " + e,
                    e);
        }
        return parse(file, entries);
    }

    private static void requireZipMagic(Path file) throws IOException {
        byte[] head = new byte[ZIP_MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n < head.length || !Arrays.equals(head, ZIP_MAGIC)) {
            throw new ArchiveFormatException(file, null, "not a specsoc model archive: not a zip file"
                    + (n == 0 ? " (the file is empty)" : ""), null);
        }
    }

    /** Identifies the format first (so a foreign zip is called foreign), then checks every entry's digest. */
    private static Map<String, byte[]> readVerified(Path file, ZipFile zip) throws IOException {
        var zipEntries = new LinkedHashMap<String, ZipEntry>();
        for (var it = zip.entries(); it.hasMoreElements(); ) {
            ZipEntry e = it.nextElement();
            if (zipEntries.put(e.getName(), e) != null) {
                throw new ArchiveFormatException(file, e.getName(), "the entry appears twice", null);
            }
        }
        ZipEntry formatEntry = zipEntries.get(ArchiveLayout.FORMAT);
        if (formatEntry == null) {
            throw new ArchiveFormatException(file, null, "not a specsoc model archive: a zip file without "
                    + ArchiveLayout.FORMAT, null);
        }
        byte[] formatBytes = bytes(file, zip, formatEntry);
        ArchiveLayout.FormatHeader header = json(file, ArchiveLayout.FORMAT, formatBytes,
                ArchiveLayout.FormatHeader.class);
        if (!ArchiveLayout.FORMAT_NAME.equals(header.format())) {
            throw new ArchiveFormatException(file, ArchiveLayout.FORMAT, "not a specsoc model archive: the format is '"
                    + header.format() + "', not '" + ArchiveLayout.FORMAT_NAME + "'", null);
        }
        if (header.version() > ArchiveLayout.FORMAT_VERSION) {
            throw new ArchiveFormatException(file, ArchiveLayout.FORMAT, "format version " + header.version()
                    + " (written by " + header.writtenBy() + ") is newer than this specsoc reads (version "
                    + ArchiveLayout.FORMAT_VERSION + "); use a newer specsoc", null);
        }
        if (header.version() < 1) {
            throw new ArchiveFormatException(file, ArchiveLayout.FORMAT, "invalid format version "
                    + header.version(), null);
        }
        ZipEntry manifestEntry = zipEntries.get(ArchiveLayout.MANIFEST);
        if (manifestEntry == null) {
            throw new ArchiveFormatException(file, ArchiveLayout.MANIFEST, "missing (the archive is incomplete)",
                    null);
        }
        ArchiveLayout.Manifest manifest = json(file, ArchiveLayout.MANIFEST, bytes(file, zip, manifestEntry),
                ArchiveLayout.Manifest.class);
        if (!"SHA-256".equals(manifest.algorithm()) || manifest.entries() == null) {
            throw new ArchiveFormatException(file, ArchiveLayout.MANIFEST, "expected SHA-256 digests of the entries,"
                    + " found algorithm '" + manifest.algorithm() + "'", null);
        }
        for (String listed : manifest.entries().keySet()) {
            if (!zipEntries.containsKey(listed)) {
                throw new ArchiveFormatException(file, listed, "listed in the manifest but missing from the zip",
                        null);
            }
        }
        var verified = new TreeMap<String, byte[]>();
        for (var e : zipEntries.entrySet()) {
            String name = e.getKey();
            if (name.equals(ArchiveLayout.MANIFEST)) {
                continue;
            }
            String expected = manifest.entries().get(name);
            if (expected == null) {
                throw new ArchiveFormatException(file, name, "not listed in the manifest", null);
            }
            byte[] content = name.equals(ArchiveLayout.FORMAT) ? formatBytes : bytes(file, zip, e.getValue());
            String actual = HexFormat.of().formatHex(ModelProvenance.sha256Digest().digest(content));
            if (!actual.equals(expected)) {
                throw new ArchiveFormatException(file, name, "corrupted: its SHA-256 does not match the manifest",
                        null);
            }
            verified.put(name, content);
        }
        return verified;
    }

    private static byte[] bytes(Path file, ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new ArchiveFormatException(file, entry.getName(), "cannot be unpacked (damaged or truncated): "
                    + e, e);
        }
    }

    private static ModelArchive parse(Path file, Map<String, byte[]> entries) throws IOException {
        var config = readConfig(file, require(file, entries, ArchiveLayout.CONFIG));
        ModelProvenance provenance = json(file, ArchiveLayout.PROVENANCE,
                require(file, entries, ArchiveLayout.PROVENANCE), ModelProvenance.class);
        double[] wavelengths = json(file, ArchiveLayout.WAVELENGTHS, require(file, entries, ArchiveLayout.WAVELENGTHS),
                double[].class);
        List<String> endmembers = json(file, ArchiveLayout.ENDMEMBERS, require(file, entries, ArchiveLayout.ENDMEMBERS),
                new TypeReference<List<String>>() { });
        ArchiveLayout.TensorIndex index = json(file, ArchiveLayout.TENSORS, require(file, entries,
                ArchiveLayout.TENSORS), ArchiveLayout.TensorIndex.class);
        if (!ArchiveLayout.DTYPE.equals(index.dtype()) || !"little".equals(index.byteOrder())
                || !"C".equals(index.order()) || index.tensors() == null) {
            throw new ArchiveFormatException(file, ArchiveLayout.TENSORS, "expected little-endian float32 ('"
                    + ArchiveLayout.DTYPE + "', C order) tensors, found dtype '" + index.dtype() + "', byte order '"
                    + index.byteOrder() + "', order '" + index.order() + "'", null);
        }
        var tensors = new LinkedHashMap<String, Tensor>();
        var claimed = new java.util.HashSet<String>(List.of(ArchiveLayout.FORMAT, ArchiveLayout.CONFIG,
                ArchiveLayout.PROVENANCE, ArchiveLayout.WAVELENGTHS, ArchiveLayout.ENDMEMBERS, ArchiveLayout.TENSORS));
        for (ArchiveLayout.TensorEntry t : index.tensors()) {
            if (tensors.put(t.name(), tensor(file, entries, t)) != null) {
                throw new ArchiveFormatException(file, ArchiveLayout.TENSORS, "tensor '" + t.name()
                        + "' is listed twice", null);
            }
            claimed.add(t.entry());
        }
        var extras = new TreeMap<String, JsonNode>();
        for (var e : entries.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(ArchiveLayout.EXTRA_FOLDER) && name.endsWith(".json")) {
                String extra = name.substring(ArchiveLayout.EXTRA_FOLDER.length(), name.length() - ".json".length());
                extras.put(extra, json(file, name, e.getValue(), JsonNode.class));
                claimed.add(name);
            }
        }
        for (String name : entries.keySet()) {
            if (!claimed.contains(name)) {
                throw new ArchiveFormatException(file, name, "not part of the format (no tensor or extra refers to it)",
                        null);
            }
        }
        try {
            return new ModelArchive(config, provenance, wavelengths, tensors, endmembers, extras);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ArchiveFormatException(file, null, "inconsistent content: " + e.getMessage(), e);
        }
    }

    private static Tensor tensor(Path file, Map<String, byte[]> entries, ArchiveLayout.TensorEntry t)
            throws ArchiveFormatException {
        if (t.name() == null || t.shape() == null || t.entry() == null) {
            throw new ArchiveFormatException(file, ArchiveLayout.TENSORS, "a tensor without name, entry or shape",
                    null);
        }
        if (!ArchiveLayout.tensorEntry(t.name()).equals(t.entry()) || !ArchiveLayout.DTYPE.equals(t.dtype())) {
            throw new ArchiveFormatException(file, ArchiveLayout.TENSORS, "tensor '" + t.name() + "' should be "
                    + ArchiveLayout.DTYPE + " in " + ArchiveLayout.tensorEntry(t.name()) + ", found " + t.dtype()
                    + " in " + t.entry(), null);
        }
        byte[] bytes = entries.get(t.entry());
        if (bytes == null) {
            throw new ArchiveFormatException(file, t.entry(), "missing; " + ArchiveLayout.TENSORS + " lists it", null);
        }
        long count;
        try {
            count = Tensor.elementCount(t.name(), t.shape());
        } catch (IllegalArgumentException e) {
            throw new ArchiveFormatException(file, ArchiveLayout.TENSORS, e.getMessage(), e);
        }
        if (bytes.length != count * Float.BYTES) {
            throw new ArchiveFormatException(file, t.entry(), "holds " + bytes.length + " bytes, but shape "
                    + Arrays.toString(t.shape()) + " needs " + count * Float.BYTES, null);
        }
        float[] data = new float[(int) count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        try {
            return new Tensor(t.name(), t.shape(), data);
        } catch (IllegalArgumentException e) {
            throw new ArchiveFormatException(file, ArchiveLayout.TENSORS, e.getMessage(), e);
        }
    }

    private static byte[] require(Path file, Map<String, byte[]> entries, String name) throws ArchiveFormatException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new ArchiveFormatException(file, name, "missing (the archive is incomplete)", null);
        }
        return b;
    }

    private static TreeMap<String, String> readConfig(Path file, byte[] bytes) throws ArchiveFormatException {
        var values = new TreeMap<String, String>();
        try (var reader = new PropertiesConfiguration.PropertiesReader(new InputStreamReader(
                new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            while (reader.nextProperty()) {
                if (values.put(reader.getPropertyName(), reader.getPropertyValue()) != null) {
                    throw new ArchiveFormatException(file, ArchiveLayout.CONFIG, "line " + reader.getLineNumber()
                            + ": key '" + reader.getPropertyName() + "' appears twice", null);
                }
            }
        } catch (ArchiveFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ArchiveFormatException(file, ArchiveLayout.CONFIG, "cannot be parsed: " + e.getMessage(), e);
        }
        return values;
    }

    private static <T> T json(Path file, String entry, byte[] bytes, Class<T> type) throws ArchiveFormatException {
        try {
            return ArchiveJson.MAPPER.readValue(bytes, type);
        } catch (IOException | RuntimeException e) {
            throw jsonError(file, entry, e);
        }
    }

    private static <T> T json(Path file, String entry, byte[] bytes, TypeReference<T> type)
            throws ArchiveFormatException {
        try {
            return ArchiveJson.MAPPER.readValue(bytes, type);
        } catch (IOException | RuntimeException e) {
            throw jsonError(file, entry, e);
        }
    }

    private static ArchiveFormatException jsonError(Path file, String entry, Exception e) {
        String where = "";
        String message = e.getMessage();
        if (e instanceof JsonProcessingException j) {
            message = j.getOriginalMessage();
            if (j.getLocation() != null && j.getLocation().getLineNr() > 0) {
                where = " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
            }
        }
        return new ArchiveFormatException(file, entry, "not valid" + where + ": " + message, e);
    }
}
