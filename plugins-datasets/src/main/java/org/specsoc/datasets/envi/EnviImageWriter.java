package org.specsoc.datasets.envi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import org.specsoc.api.io.AtomicFileWriter;

/**
 * Writes an ENVI image a block of lines at a time (any order), so that only one block is ever in memory. The
 * data go to a temporary file next to the target; {@link #commit()} checks that every line was written, moves
 * the data into place and only then writes the header (also atomically), so that a reader never finds a header
 * whose data are incomplete. Closing without committing deletes the temporary file.
 *
 * <p>Values are given pixel-major (all bands of a pixel together), the layout {@link EnviTile} uses, and stored
 * in the header's data type and interleave (integer types are rounded).
 */
public final class EnviImageWriter implements Closeable {
    private final EnviHeader header;
    private final Path dataFile;
    private final Path headerFile;
    private final Path temporary;
    private final FileChannel channel;
    private final BitSet written;
    private ByteBuffer buffer = ByteBuffer.allocate(0);
    private boolean committed;

    /**
     * @param header     what to write; its header offset must be 0
     * @param dataFile   the image data file ({@code x.img})
     * @param headerFile its header ({@code x.hdr})
     */
    public EnviImageWriter(EnviHeader header, Path dataFile, Path headerFile) throws IOException {
        if (header.headerOffset() != 0) {
            throw new IllegalArgumentException("the writer writes data files without an embedded header");
        }
        this.header = header;
        this.dataFile = dataFile;
        this.headerFile = headerFile;
        this.temporary = AtomicFileWriter.createTemporarySibling(dataFile);
        this.channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
        this.written = new BitSet(header.lines());
    }

    public EnviHeader header() {
        return header;
    }

    /** Stores lines {@code firstLine ..} from {@code values} (pixel-major, {@code lineCount x samples x bands}). */
    public void write(int firstLine, int lineCount, float[] values) throws IOException {
        int samples = header.samples();
        int bands = header.bands();
        if (values.length != lineCount * samples * bands) {
            throw new IllegalArgumentException(values.length + " values for " + lineCount + " lines x " + samples
                    + " samples x " + bands + " bands");
        }
        var layout = new TileLayout(header, firstLine, lineCount);
        int bytes = header.dataType().bytes();
        int regionBytes = layout.regionValues() * bytes;
        if (buffer.capacity() < regionBytes) {
            buffer = ByteBuffer.allocate(regionBytes);
        }
        buffer.order(header.byteOrder());
        EnviDataType type = header.dataType();
        for (int r = 0; r < layout.regions(); r++) {
            for (int b = layout.firstBand(r); b < layout.endBand(r); b++) {
                for (int line = 0; line < lineCount; line++) {
                    for (int s = 0; s < samples; s++) {
                        type.write(buffer, layout.indexInRegion(line, s, b) * bytes,
                                values[(line * samples + s) * bands + b]);
                    }
                }
            }
            buffer.clear().limit(regionBytes);
            long pos = layout.regionPosition(r);
            while (buffer.hasRemaining()) {
                pos += channel.write(buffer, pos);
            }
        }
        written.set(firstLine, firstLine + lineCount);
    }

    /** Makes the image visible: data file first, then the header. */
    public void commit() throws IOException {
        if (committed) {
            return;
        }
        int missing = written.nextClearBit(0);
        if (missing < header.lines()) {
            int end = written.nextSetBit(missing);
            throw new IllegalStateException("lines " + missing + ".." + ((end < 0 ? header.lines() : end) - 1)
                    + " of " + dataFile + " were never written");
        }
        channel.force(false);
        channel.close();
        Files.move(temporary, dataFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        header.write(headerFile);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            channel.close();
            Files.deleteIfExists(temporary);
        }
    }
}
