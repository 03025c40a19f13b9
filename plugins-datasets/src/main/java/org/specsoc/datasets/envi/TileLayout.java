package org.specsoc.datasets.envi;

/**
 * Where the values of a block of whole image lines lie in an ENVI data file. BIL and BIP keep a block of lines
 * in one contiguous region; BSQ keeps it in one region per band. Reader and writer both go through this, so a
 * tile costs one positional read or write per region and never touches the rest of the file.
 */
final class TileLayout {
    private final EnviHeader header;
    private final int firstLine;
    private final int lineCount;

    TileLayout(EnviHeader header, int firstLine, int lineCount) {
        if (firstLine < 0 || lineCount <= 0 || firstLine + lineCount > header.lines()) {
            throw new IllegalArgumentException("lines " + firstLine + ".." + (firstLine + lineCount - 1)
                    + " are outside the image's " + header.lines() + " lines");
        }
        this.header = header;
        this.firstLine = firstLine;
        this.lineCount = lineCount;
    }

    int regions() {
        return header.interleave() == EnviInterleave.BSQ ? header.bands() : 1;
    }

    /** Values in one region. */
    int regionValues() {
        long n = (long) lineCount * header.samples() * (header.interleave() == EnviInterleave.BSQ ? 1 : header.bands());
        if (n * header.dataType().bytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(lineCount + " lines of " + header.samples() + " samples x "
                    + header.bands() + " bands do not fit one buffer; use fewer lines per tile");
        }
        return (int) n;
    }

    /** Absolute byte position of region {@code r} in the data file. */
    long regionPosition(int r) {
        int band = header.interleave() == EnviInterleave.BSQ ? r : 0;
        long first = header.interleave().valueIndex(firstLine, 0, band, header.lines(), header.samples(),
                header.bands());
        return header.headerOffset() + first * header.dataType().bytes();
    }

    /** The bands stored in region {@code r}. */
    int firstBand(int r) {
        return header.interleave() == EnviInterleave.BSQ ? r : 0;
    }

    int endBand(int r) {
        return header.interleave() == EnviInterleave.BSQ ? r + 1 : header.bands();
    }

    /** Index (in values) inside its region of (line within the tile, sample, band). */
    int indexInRegion(int line, int sample, int band) {
        int samples = header.samples();
        int bands = header.bands();
        return switch (header.interleave()) {
            case BSQ -> line * samples + sample;
            case BIL -> (line * bands + band) * samples + sample;
            case BIP -> (line * samples + sample) * bands + band;
        };
    }
}
