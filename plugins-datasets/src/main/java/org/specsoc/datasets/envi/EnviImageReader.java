package org.specsoc.datasets.envi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads an ENVI image a block of lines at a time, so that a scene larger than memory can be processed: each
 * {@link #read(int, int)} issues one positional read per region of the file the block occupies (one for BIL and
 * BIP, one per band for BSQ) into a buffer reused between calls; the file is never read or mapped whole.
 *
 * <p>Values become reflectance as ENVI defines it: (gain x stored + offset) / reflectance scale factor, each
 * term only when the header has it. A pixel is no-data when, in any good band ({@code bbl} = 1), its stored
 * value equals the {@code data ignore value} or the converted value is not finite, or when all its good bands
 * are stored as exactly zero (the fill of most L2 products outside the swath).
 */
public final class EnviImageReader implements Closeable {
    private final EnviHeader header;
    private final Path dataFile;
    private final FileChannel channel;
    private final double[] gain;
    private final double[] offset;
    private final double inverseScale;
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    /** Opens the image of a header, or of a data file with its header next to it. */
    public static EnviImageReader open(Path headerOrData) throws IOException {
        EnviHeader header = EnviHeader.read(EnviHeader.headerFor(headerOrData));
        return new EnviImageReader(header, header.dataFile());
    }

    /** Opens {@code dataFile} as described by {@code header} (e.g. a header with an overridden scale factor). */
    public EnviImageReader(EnviHeader header, Path dataFile) throws IOException {
        this.header = header;
        this.dataFile = dataFile;
        this.channel = FileChannel.open(dataFile, StandardOpenOption.READ);
        long needed = header.headerOffset() + header.dataBytes();
        long size = channel.size();
        if (size < needed) {
            channel.close();
            throw new EnviFormatException(dataFile + " has " + size + " bytes, but " + header.name() + " describes "
                    + header.samples() + " samples x " + header.lines() + " lines x " + header.bands() + " bands of "
                    + header.dataType().bytes() + "-byte values after a " + header.headerOffset()
                    + "-byte offset: " + needed + " bytes");
        }
        int bands = header.bands();
        this.gain = new double[bands];
        this.offset = new double[bands];
        for (int b = 0; b < bands; b++) {
            gain[b] = header.dataGainValues().length == bands ? header.dataGainValues()[b] : 1;
            offset[b] = header.dataOffsetValues().length == bands ? header.dataOffsetValues()[b] : 0;
        }
        this.inverseScale = 1.0 / header.reflectanceScaleFactor().orElse(1);
    }

    public EnviHeader header() {
        return header;
    }

    public Path dataFile() {
        return dataFile;
    }

    /** Lines {@code firstLine .. firstLine + lineCount - 1}, all samples and bands. */
    public EnviTile read(int firstLine, int lineCount) throws IOException {
        var layout = new TileLayout(header, firstLine, lineCount);
        int samples = header.samples();
        int bands = header.bands();
        int bytes = header.dataType().bytes();
        float[] values = new float[lineCount * samples * bands];
        boolean[] noData = new boolean[lineCount * samples];
        boolean[] allZero = new boolean[lineCount * samples];
        java.util.Arrays.fill(allZero, true);
        boolean hasIgnore = header.dataIgnoreValue().isPresent();
        double ignore = header.dataIgnoreValue().orElse(Double.NaN);
        boolean anyGood = false;
        EnviDataType type = header.dataType();
        int regionBytes = layout.regionValues() * bytes;
        for (int r = 0; r < layout.regions(); r++) {
            ByteBuffer buf = fill(layout.regionPosition(r), regionBytes);
            for (int b = layout.firstBand(r); b < layout.endBand(r); b++) {
                // a spectral library's bbl runs along its samples (channels), not its single band
                boolean good = header.isSpectralLibrary() || header.isGoodBand(b);
                anyGood |= good;
                double g = gain[b] * inverseScale;
                double o = offset[b] * inverseScale;
                for (int line = 0; line < lineCount; line++) {
                    for (int s = 0; s < samples; s++) {
                        int pixel = line * samples + s;
                        double raw = type.read(buf, layout.indexInRegion(line, s, b) * bytes);
                        float v = (float) (raw * g + o);
                        values[pixel * bands + b] = v;
                        if (good) {
                            if ((hasIgnore && raw == ignore) || !Float.isFinite(v)) {
                                noData[pixel] = true;
                            }
                            if (raw != 0) {
                                allZero[pixel] = false;
                            }
                        }
                    }
                }
            }
        }
        if (anyGood) {
            for (int p = 0; p < noData.length; p++) {
                noData[p] |= allZero[p];
            }
        }
        return new EnviTile(firstLine, lineCount, samples, bands, values, noData);
    }

    private ByteBuffer fill(long position, int length) throws IOException {
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocate(length);
        }
        buffer.clear().limit(length);
        buffer.order(header.byteOrder());
        long pos = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, pos);
            if (n < 0) {
                throw new EnviFormatException(dataFile + " ends at byte " + pos + " inside the data "
                        + header.name() + " describes");
            }
            pos += n;
        }
        return buffer;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
