package org.specsoc.datasets.envi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnviImageRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> layouts() {
        var args = Stream.<Arguments>builder();
        for (EnviInterleave il : EnviInterleave.values()) {
            for (EnviDataType type : new EnviDataType[] {EnviDataType.INT16, EnviDataType.FLOAT32,
                    EnviDataType.FLOAT64, EnviDataType.UINT16}) {
                for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                    args.add(Arguments.of(il, type, order));
                }
            }
        }
        return args.build();
    }

    /** Integer-valued test data so that every type stores them exactly. */
    private static float[] image(int lines, int samples, int bands, long seed) {
        var rnd = new SplittableRandom(seed);
        float[] v = new float[lines * samples * bands];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1 + rnd.nextInt(30000);
        }
        return v;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("layouts")
    void everyLayoutRoundTripsWhateverTheTileSize(EnviInterleave il, EnviDataType type, ByteOrder order)
            throws IOException {
        int lines = 11;
        int samples = 5;
        int bands = 4;
        float[] values = image(lines, samples, bands, 42);
        EnviHeader h = EnviHeader.of(samples, lines, bands, type, il).withLayout(0, order);
        Path img = dir.resolve("x.img");
        Path hdr = dir.resolve("x.hdr");
        try (var w = new EnviImageWriter(h, img, hdr)) {
            // out of order and in uneven blocks
            w.write(7, 4, java.util.Arrays.copyOfRange(values, 7 * samples * bands, 11 * samples * bands));
            w.write(0, 7, java.util.Arrays.copyOfRange(values, 0, 7 * samples * bands));
            w.commit();
        }
        assertThat(Files.size(img)).isEqualTo((long) lines * samples * bands * type.bytes());
        for (int tile : new int[] {1, 3, 11}) {
            try (var r = EnviImageReader.open(hdr)) {
                float[] back = new float[values.length];
                for (int first = 0; first < lines; first += tile) {
                    int n = Math.min(tile, lines - first);
                    EnviTile t = r.read(first, n);
                    assertThat(t.firstLine()).isEqualTo(first);
                    assertThat(t.validPixels()).isEqualTo(n * samples);
                    System.arraycopy(t.values(), 0, back, first * samples * bands, t.values().length);
                }
                assertThat(back).as("tile of %d lines", tile).containsExactly(values);
            }
        }
    }

    @Test
    void handWrittenBigEndianBilInt16WithOffsetScaleAndIgnoreValue() throws IOException {
        // 2 lines x 3 samples x 2 bands, BIL: line 0 band 0, line 0 band 1, line 1 band 0, line 1 band 1
        short[] stored = {
            1000, 2000, -9999,   // line 0, band 0 (sample 2 is no-data)
            1100, 2100, -9999,   // line 0, band 1
            0, 3000, 4000,       // line 1, band 0 (sample 0 all zero)
            0, 3100, 4100};      // line 1, band 1
        ByteBuffer buf = ByteBuffer.allocate(16 + stored.length * 2).order(ByteOrder.BIG_ENDIAN);
        buf.position(16);
        for (short s : stored) {
            buf.putShort(s);
        }
        Files.write(dir.resolve("hand.bil"), buf.array());
        Files.writeString(dir.resolve("hand.hdr"), """
                ENVI
                samples = 3
                lines = 2
                bands = 2
                header offset = 16
                data type = 2
                interleave = bil
                byte order = 1
                reflectance scale factor = 10000
                data ignore value = -9999
                wavelength = {500, 600}
                """);
        try (var r = EnviImageReader.open(dir.resolve("hand.bil"))) {
            EnviTile t = r.read(0, 2);
            assertThat(t.noData()).containsExactly(false, false, true, true, false, false);
            assertThat(t.value(0, 0)).isEqualTo(0.1f);
            assertThat(t.value(0, 1)).isEqualTo(0.11f);
            assertThat(t.value(1, 0)).isEqualTo(0.2f);
            assertThat(t.value(4, 1)).isEqualTo(0.31f);
            assertThat(t.value(5, 0)).isEqualTo(0.4f);
            EnviTile second = r.read(1, 1);
            assertThat(second.values()).containsExactly(0f, 0f, 0.3f, 0.31f, 0.4f, 0.41f);
        }
    }

    @Test
    void noDataComesFromGoodBandsOnlyAndGainsApply() throws IOException {
        EnviHeader h = EnviHeader.of(4, 1, 3, EnviDataType.FLOAT32, EnviInterleave.BIP)
                .withGoodBands(new boolean[] {true, true, false})
                .withGainsAndOffsets(new double[] {2, 2, 2}, new double[] {0.5, 0.5, 0.5})
                .withReflectanceScaleFactor(10)
                .withDataIgnoreValue(-1);
        float[] v = {
            1, 2, -1,                // ignore value in the bad band only: valid
            1, Float.NaN, 3,         // NaN in a good band: no-data
            0, 0, 7,                 // zero in every good band: no-data
            -1, 4, 4};               // ignore value in a good band: no-data
        Path img = dir.resolve("g.img");
        Path hdr = dir.resolve("g.hdr");
        try (var w = new EnviImageWriter(h, img, hdr)) {
            w.write(0, 1, v);
            w.commit();
        }
        try (var r = EnviImageReader.open(hdr)) {
            EnviTile t = r.read(0, 1);
            assertThat(t.noData()).containsExactly(false, true, true, true);
            assertThat(t.value(0, 0)).isEqualTo((2 * 1 + 0.5f) / 10);
            assertThat(t.value(0, 1)).isEqualTo((2 * 2 + 0.5f) / 10);
        }
    }

    @Test
    void aShortDataFileIsNamedWithTheSizeItShouldHave() throws IOException {
        EnviHeader.of(10, 10, 2, EnviDataType.FLOAT32, EnviInterleave.BSQ).write(dir.resolve("s.hdr"));
        Files.write(dir.resolve("s.img"), new byte[100]);
        assertThatThrownBy(() -> EnviImageReader.open(dir.resolve("s.hdr"))).isInstanceOf(EnviFormatException.class)
                .hasMessageContaining("s.img has 100 bytes").hasMessageContaining("800 bytes");
    }

    @Test
    void tilesOutsideTheImageAreRefused() throws IOException {
        EnviHeader h = EnviHeader.of(2, 3, 1, EnviDataType.FLOAT32, EnviInterleave.BSQ);
        try (var w = new EnviImageWriter(h, dir.resolve("t.img"), dir.resolve("t.hdr"))) {
            w.write(0, 3, new float[6]);
            w.commit();
        }
        try (var r = EnviImageReader.open(dir.resolve("t.img"))) {
            assertThatThrownBy(() -> r.read(2, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside the image's 3 lines");
        }
    }

    @Test
    void nothingAppearsUntilCommitAndAnIncompleteImageCannotBeCommitted() throws IOException {
        EnviHeader h = EnviHeader.of(2, 5, 1, EnviDataType.FLOAT32, EnviInterleave.BSQ);
        Path img = dir.resolve("p.img");
        Path hdr = dir.resolve("p.hdr");
        try (var w = new EnviImageWriter(h, img, hdr)) {
            w.write(0, 2, new float[4]);
            assertThat(img).doesNotExist();
            assertThatThrownBy(w::commit).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("lines 2..4 of").hasMessageContaining("were never written");
        }
        assertThat(img).doesNotExist();
        assertThat(hdr).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
