package org.specsoc.datasets.envi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnviHeaderTest {
    @TempDir
    Path dir;

    private Path header(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readsARealisticReflectanceHeader() throws IOException {
        Path p = header("scene.hdr", """
                ENVI
                description = {
                  AVIRIS-NG L2 reflectance,
                  resampled}
                Samples = 4
                LINES   = 3
                bands = 5
                header offset = 0
                file type = ENVI Standard
                data type = 2
                interleave = BIL
                byte order = 1
                ; a comment line
                map info = {UTM, 1.000, 1.000, 724522.0, 4074620.0, 5.0, 5.0, 11, North, WGS-84, units=Meters}
                coordinate system string = {PROJCS["WGS_1984_UTM_Zone_11N"]}
                wavelength units = Micrometers
                wavelength = { 0.40, 0.41,
                   0.42, 0.43,
                   0.44 }
                fwhm = {0.01, 0.01, 0.01, 0.01, 0.01}
                bbl = {1, 1, 0, 1, 1}
                reflectance scale factor = 1.0e+04
                data ignore value = -9999
                band names = {b1, b2, b3, b4, b5}
                """);
        EnviHeader h = EnviHeader.read(p);
        assertThat(h.samples()).isEqualTo(4);
        assertThat(h.lines()).isEqualTo(3);
        assertThat(h.bands()).isEqualTo(5);
        assertThat(h.dataType()).isEqualTo(EnviDataType.INT16);
        assertThat(h.interleave()).isEqualTo(EnviInterleave.BIL);
        assertThat(h.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(h.wavelengths()).containsExactly(new double[] {400, 410, 420, 430, 440},
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(h.fwhm()).containsOnly(10.0);
        assertThat(h.isGoodBand(2)).isFalse();
        assertThat(h.isGoodBand(3)).isTrue();
        assertThat(h.reflectanceScaleFactor()).hasValue(10000);
        assertThat(h.dataIgnoreValue()).hasValue(-9999);
        assertThat(h.bandNames()).containsExactly("b1", "b2", "b3", "b4", "b5");
        assertThat(h.description()).contains("AVIRIS-NG L2 reflectance").contains("resampled");
        assertThat(h.georeference()).containsKeys("map info", "coordinate system string");
        assertThat(h.georeference().get("map info")).startsWith("{UTM, 1.000").endsWith("units=Meters}");
        assertThat(h.dataBytes()).isEqualTo(4 * 3 * 5 * 2);
    }

    @Test
    void writtenHeaderReadsBackTheSame() throws IOException {
        double[] wl = {365, 700.5, 1400, 2500};
        EnviHeader h = EnviHeader.of(7, 9, 4, EnviDataType.FLOAT64, EnviInterleave.BIP)
                .withLayout(0, ByteOrder.BIG_ENDIAN)
                .withWavelengths(wl, new double[] {5, 6, 7, 8.25})
                .withGoodBands(new boolean[] {true, false, true, true})
                .withGainsAndOffsets(new double[] {1, 2, 3, 4}, new double[] {0, 0.5, 0, -1})
                .withDataIgnoreValue(-32768)
                .withReflectanceScaleFactor(10000)
                .withBandNames(List.of("a", "b", "c", "d"))
                .withDescription("two\nlines")
                .withGeoreference(Map.of("map info", "{Geographic Lat/Lon, 1, 1, 10.5, 45.5, 1e-4, 1e-4}"));
        Path p = dir.resolve("out.hdr");
        h.write(p);
        EnviHeader back = EnviHeader.read(p);
        assertThat(back.samples()).isEqualTo(7);
        assertThat(back.lines()).isEqualTo(9);
        assertThat(back.bands()).isEqualTo(4);
        assertThat(back.dataType()).isEqualTo(EnviDataType.FLOAT64);
        assertThat(back.interleave()).isEqualTo(EnviInterleave.BIP);
        assertThat(back.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(back.wavelengths()).containsExactly(wl);
        assertThat(back.fwhm()).containsExactly(5, 6, 7, 8.25);
        assertThat(back.goodBands()).containsExactly(true, false, true, true);
        assertThat(back.dataGainValues()).containsExactly(1, 2, 3, 4);
        assertThat(back.dataOffsetValues()).containsExactly(0, 0.5, 0, -1);
        assertThat(back.dataIgnoreValue()).hasValue(-32768);
        assertThat(back.reflectanceScaleFactor()).hasValue(10000);
        assertThat(back.bandNames()).containsExactly("a", "b", "c", "d");
        assertThat(back.description()).isEqualTo("two\nlines");
        assertThat(back.georeference()).isEqualTo(h.georeference());
        assertThat(Files.list(dir).map(f -> f.getFileName().toString())).containsExactly("out.hdr");
    }

    @Test
    void aSpectralLibraryHeaderHasItsWavelengthsAlongSamplesAndNamesItsSpectra() throws IOException {
        Path p = header("lib.hdr", """
                ENVI
                description = {USGS splib07 subset}
                samples = 5
                lines = 2
                bands = 1
                header offset = 0
                file type = ENVI Spectral Library
                data type = 4
                interleave = bsq
                byte order = 0
                wavelength units = Micrometers
                wavelength = {0.4, 0.5, 0.6, 0.7, 0.8}
                spectra names = {Kaolinite CM9, Calcite WS272}
                """);
        EnviHeader h = EnviHeader.read(p);
        assertThat(h.isSpectralLibrary()).isTrue();
        assertThat(h.spectralChannels()).isEqualTo(5);
        assertThat(h.wavelengths()).hasSize(5).startsWith(400.0);
        assertThat(h.spectraNames()).containsExactly("Kaolinite CM9", "Calcite WS272");
        Path copy = dir.resolve("copy.hdr");
        h.write(copy);
        EnviHeader back = EnviHeader.read(copy);
        assertThat(back.isSpectralLibrary()).isTrue();
        assertThat(back.spectraNames()).isEqualTo(h.spectraNames());
        assertThat(back.wavelengths()).containsExactly(h.wavelengths());
        float[] spectra = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f};
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : spectra) {
            buf.putFloat(v);
        }
        Files.write(dir.resolve("lib.sli"), buf.array());
        try (var r = EnviImageReader.open(dir.resolve("lib.sli"))) {
            assertThat(r.read(0, 2).values()).containsExactly(spectra);
        }
    }

    @Test
    void wavelengthsWithoutUnitsAreMicrometresOnlyWhenSmall() throws IOException {
        String base = "ENVI\nsamples = 1\nlines = 1\nbands = 2\ndata type = 4\ninterleave = bsq\nbyte order = 0\n";
        assertThat(EnviHeader.read(header("a.hdr", base + "wavelength = {0.5, 2.4}\n")).wavelengths())
                .containsExactly(500, 2400);
        assertThat(EnviHeader.read(header("b.hdr", base + "wavelength = {500, 2400}\n")).wavelengths())
                .containsExactly(500, 2400);
        assertThat(EnviHeader.read(header("c.hdr", base + "wavelength units = nm\nwavelength = {5, 24}\n"))
                .wavelengths()).containsExactly(5, 24);
    }

    @Test
    void notAnEnviHeaderIsNamedAsSuch() throws IOException {
        Path p = header("x.hdr", "samples = 3\n");
        assertThatThrownBy(() -> EnviHeader.read(p)).isInstanceOf(EnviFormatException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("first line must be 'ENVI'");
    }

    @Test
    void everyProblemIsListedWithItsKeyAndLine() throws IOException {
        Path p = header("bad.hdr", """
                ENVI
                samples = 0
                bands = 3
                data type = 6
                interleave = bsx
                byte order = 2
                wavelength = {400, 500}
                reflectance scale factor = -1
                """);
        assertThatThrownBy(() -> EnviHeader.read(p)).isInstanceOf(EnviFormatException.class)
                .hasMessageStartingWith(p.toString())
                .hasMessageContaining("required key 'lines' is missing")
                .hasMessageContaining("key 'samples' (line 2) must be a positive integer, got '0'")
                .hasMessageContaining("key 'data type' (line 4): 6 (complex) is not supported")
                .hasMessageContaining("key 'interleave' (line 5) must be bsq, bil or bip, got 'bsx'")
                .hasMessageContaining("key 'byte order' (line 6) must be 0 (little-endian) or 1 (big-endian)")
                .hasMessageContaining("key 'wavelength' (line 7) lists 2 values for 3 bands")
                .hasMessageContaining("key 'reflectance scale factor' (line 8) must be a positive number");
    }

    @Test
    void unclosedBraceAndStrayLinesAreErrors() throws IOException {
        Path open = header("open.hdr", "ENVI\nsamples = 1\nwavelength = {400,\n 500\n");
        assertThatThrownBy(() -> EnviHeader.read(open)).isInstanceOf(EnviFormatException.class)
                .hasMessageContaining("line 3: the value of 'wavelength' opens '{' but never closes it");
        Path stray = header("stray.hdr", "ENVI\nsamples = 1\njust words\n");
        assertThatThrownBy(() -> EnviHeader.read(stray)).isInstanceOf(EnviFormatException.class)
                .hasMessageContaining("line 3: expected 'key = value', found 'just words'");
        Path word = header("word.hdr", "ENVI\nsamples = 1\nlines = 1\nbands = 2\ndata type = 4\ninterleave = bsq\n"
                + "wavelength = {400, four hundred}\n");
        assertThatThrownBy(() -> EnviHeader.read(word)).isInstanceOf(EnviFormatException.class)
                .hasMessageContaining("key 'wavelength' (line 7): item 2 'four hundred' is not a number");
    }

    @Test
    void headerAndDataFilesAreFoundFromEitherName() throws IOException {
        Path hdr = header("scene.hdr", "ENVI\nsamples = 1\nlines = 1\nbands = 1\ndata type = 4\ninterleave = bsq\n");
        Path img = dir.resolve("scene.img");
        Files.write(img, new byte[4]);
        assertThat(EnviHeader.headerFor(img)).isEqualTo(hdr);
        assertThat(EnviHeader.headerFor(hdr)).isEqualTo(hdr);
        assertThat(EnviHeader.read(hdr).dataFile()).isEqualTo(img);

        Path appended = header("other.dat.hdr", "ENVI\nsamples = 1\nlines = 1\nbands = 1\ndata type = 4\n"
                + "interleave = bsq\n");
        Path dat = dir.resolve("other.dat");
        Files.write(dat, new byte[4]);
        assertThat(EnviHeader.headerFor(dat)).isEqualTo(appended);
        assertThat(EnviHeader.read(appended).dataFile()).isEqualTo(dat);

        assertThatThrownBy(() -> EnviHeader.headerFor(dir.resolve("none.img")))
                .isInstanceOf(EnviFormatException.class).hasMessageContaining("no ENVI header next to it");
        Path lonely = header("lonely.hdr", "ENVI\nsamples = 1\nlines = 1\nbands = 1\ndata type = 4\n"
                + "interleave = bsq\n");
        assertThatThrownBy(() -> EnviHeader.read(lonely).dataFile()).isInstanceOf(EnviFormatException.class)
                .hasMessageContaining("no data file next to it").hasMessageContaining("lonely.img");
    }
}
