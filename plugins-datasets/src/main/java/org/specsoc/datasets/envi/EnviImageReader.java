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
    /** Per band: gain and offset already divided by the reflectance scale factor. */
    private final double[] scaledGain;
    private final double[] scaledOffset;
    /** Per band: whether it counts for no-data detection (a spectral library's bbl runs along its samples). */
    private final boolean[] good;
    /** Whether any band is good: only then does an all-zero pixel count as no-data. */
    private final boolean anyGood;
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
        double inverseScale = 1.0 / header.reflectanceScaleFactor().orElse(1);
        boolean anyGoodBand = false;
        this.scaledGain = new double[bands];
        this.scaledOffset = new double[bands];
        this.good = new boolean[bands];
        for (int b = 0; b < bands; b++) {
            double gain = header.dataGainValues().length == bands ? header.dataGainValues()[b] : 1;
            double offset = header.dataOffsetValues().length == bands ? header.dataOffsetValues()[b] : 0;
            scaledGain[b] = gain * inverseScale;
            scaledOffset[b] = offset * inverseScale;
            good[b] = header.isSpectralLibrary() || header.isGoodBand(b);
            anyGoodBand |= good[b];
        }
        this.anyGood = anyGoodBand;
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
        var tile = new TileDecoder(lineCount * samples, bands);
        int regionBytes = layout.regionValues() * bytes;
        // The region is walked in the order it is stored, one run of consecutive values at a time (a pixel's
        // bands in BIP, a band's samples of one line in BIL and BSQ), so the buffer is read sequentially.
        for (int r = 0; r < layout.regions(); r++) {
            ByteBuffer buf = fill(layout.regionPosition(r), regionBytes);
            for (int line = 0; line < lineCount; line++) {
                int firstPixel = line * samples;
                if (header.interleave() == EnviInterleave.BIP) {
                    for (int s = 0; s < samples; s++) {
                        tile.pixelRun(buf, layout.indexInRegion(line, s, 0) * bytes, firstPixel + s);
                    }
                } else {
                    for (int b = layout.firstBand(r); b < layout.endBand(r); b++) {
                        tile.bandRun(buf, layout.indexInRegion(line, 0, b) * bytes, firstPixel, samples, b);
                    }
                }
            }
        }
        return tile.finish(firstLine, lineCount, samples);
    }

    /** The values and no-data mask of one tile, filled run by run. */
    private final class TileDecoder {
        private final int bands;
        private final float[] values;
        private final boolean[] noData;
        private final boolean[] allZero;
        private final double[] run;
        private final boolean hasIgnore = header.dataIgnoreValue().isPresent();
        private final double ignore = header.dataIgnoreValue().orElse(Double.NaN);
        private final EnviDataType type = header.dataType();

        TileDecoder(int pixels, int bands) {
            this.bands = bands;
            this.values = new float[pixels * bands];
            this.noData = new boolean[pixels];
            this.allZero = new boolean[pixels];
            java.util.Arrays.fill(allZero, true);
            this.run = new double[Math.max(bands, header.samples())];
        }

        /** All bands of one pixel, stored consecutively from byte {@code at}. */
        void pixelRun(ByteBuffer buf, int at, int pixel) {
            type.readRun(buf, at, bands, run);
            int base = pixel * bands;
            for (int b = 0; b < bands; b++) {
                accept(run[b], b, pixel, base + b);
            }
        }

        /** Band {@code b} of {@code count} pixels from {@code firstPixel}, stored consecutively from {@code at}. */
        void bandRun(ByteBuffer buf, int at, int firstPixel, int count, int b) {
            type.readRun(buf, at, count, run);
            for (int i = 0; i < count; i++) {
                int pixel = firstPixel + i;
                accept(run[i], b, pixel, pixel * bands + b);
            }
        }

        private void accept(double raw, int b, int pixel, int at) {
            float v = (float) (raw * scaledGain[b] + scaledOffset[b]);
            values[at] = v;
            if (good[b]) {
                if ((hasIgnore && raw == ignore) || !Float.isFinite(v)) {
                    noData[pixel] = true;
                }
                if (raw != 0) {
                    allZero[pixel] = false;
                }
            }
        }

        EnviTile finish(int firstLine, int lineCount, int samples) {
            if (anyGood) {
                for (int p = 0; p < noData.length; p++) {
                    noData[p] |= allZero[p];
                }
            }
            return new EnviTile(firstLine, lineCount, samples, bands, values, noData);
        }
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
