package org.specsoc.runner.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.specsoc.api.io.AtomicFileWriter;
import org.specsoc.runner.config.EffectiveConfiguration;

/**
 * Saves a {@link ModelArchive} as one zip file, atomically: the target is either the whole new archive or as it
 * was.
 */
public final class ModelArchiveWriter {

    private ModelArchiveWriter() {
    }

    /** Writes {@code archive} to {@code target} through a temporary sibling file and an atomic rename. */
    public static void write(ModelArchive archive, Path target) throws IOException {
        AtomicFileWriter.write(target, out -> writeTo(archive, out));
    }

    /** Writes the zip to {@code out} (left open). */
    public static void writeTo(ModelArchive archive, OutputStream out) throws IOException {
        var entries = new Entries(new ZipOutputStream(new BufferedOutputStream(out, 1 << 16)),
                // Fixed entry times make the same archive value give the same bytes.
                archive.provenance().finishedAt().toEpochMilli());
        entries.put(ArchiveLayout.FORMAT, json(new ArchiveLayout.FormatHeader(ArchiveLayout.FORMAT_NAME,
                ArchiveLayout.FORMAT_VERSION, "specsoc " + archive.provenance().specsocVersion())), true);
        entries.put(ArchiveLayout.CONFIG, new EffectiveConfiguration(archive.config()).toPropertiesText()
                .getBytes(StandardCharsets.UTF_8), true);
        entries.put(ArchiveLayout.PROVENANCE, json(archive.provenance()), true);
        entries.put(ArchiveLayout.WAVELENGTHS, json(archive.wavelengths()), true);
        entries.put(ArchiveLayout.ENDMEMBERS, json(archive.endmemberNames()), true);
        var index = new ArrayList<ArchiveLayout.TensorEntry>();
        for (Tensor t : archive.tensors().values()) {
            index.add(new ArchiveLayout.TensorEntry(t.name(), ArchiveLayout.tensorEntry(t.name()), t.shape(),
                    ArchiveLayout.DTYPE));
        }
        entries.put(ArchiveLayout.TENSORS, json(new ArchiveLayout.TensorIndex(ArchiveLayout.DTYPE, "little",
                "C", index)), true);
        for (Tensor t : archive.tensors().values()) {
            // Stored, not deflated: float noise hardly compresses, and numpy can then read the bytes in place.
            entries.put(ArchiveLayout.tensorEntry(t.name()), littleEndian(t.data()), false);
        }
        for (var e : archive.extras().entrySet()) {
            entries.put(ArchiveLayout.extraEntry(e.getKey()), json(e.getValue()), true);
        }
        entries.put(ArchiveLayout.MANIFEST, json(new ArchiveLayout.Manifest("SHA-256", entries.digests)), true);
        entries.zip.finish();
        entries.zip.flush();
    }

    static byte[] littleEndian(float[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(data);
        return buffer.array();
    }

    private static byte[] json(Object value) throws IOException {
        return ArchiveJson.MAPPER.writeValueAsBytes(value);
    }

    private static final class Entries {
        final ZipOutputStream zip;
        final long time;
        final TreeMap<String, String> digests = new TreeMap<>();

        Entries(ZipOutputStream zip, long time) {
            this.zip = zip;
            this.time = time;
        }

        void put(String name, byte[] bytes, boolean deflate) throws IOException {
            var entry = new ZipEntry(name);
            entry.setTime(time);
            if (!deflate) {
                var crc = new CRC32();
                crc.update(bytes);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                entry.setCrc(crc.getValue());
            }
            zip.putNextEntry(entry);
            zip.write(bytes);
            zip.closeEntry();
            if (!name.equals(ArchiveLayout.MANIFEST)) {
                digests.put(name, HexFormat.of().formatHex(ModelProvenance.sha256Digest().digest(bytes)));
            }
        }
    }
}
