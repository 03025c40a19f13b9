package org.specsoc.datasets.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.testing.SharedData;
import org.specsoc.datasets.preprocess.LibraryResampling;
import org.specsoc.datasets.synthetic.SyntheticSettings;

class LibraryReadersTest {
    @TempDir
    Path dir;

    @Test
    void authorsEndmemberCsvWithRhoRFromThePropertiesBesideIt() throws IOException {
        Path p = SharedData.require("usgs-endmembers/endmember_spectra_365-2500nm.csv");
        var reader = new CsvLibraryReader();
        assertThat(reader.accepts(p)).isTrue();
        SpectralLibrary lib = reader.read(p);
        assertThat(lib.size()).isEqualTo(92);
        assertThat(lib.wavelengths()).hasSize(2136);
        assertThat(lib.names().get(0)).isEqualTo("pyrolusite");
        assertThat(lib.rhoR()[0]).isCloseTo(1.15438735, within(1e-9));
        double mean = java.util.Arrays.stream(lib.rhoR()).average().orElseThrow();
        // The README: mean of rho_r_used over the 92 minerals = 1.6336052 (the initial (rho r)_SOC).
        assertThat(mean).isCloseTo(1.6336052, within(1e-6));
    }

    @Test
    void splibWideCsvWithDeletedChannelsAndIrregularGrid() throws IOException {
        Path p = SharedData.require("usgs_splib07a/usgs_splib07a_minerals_beckman_350_2500.csv");
        SpectralLibrary lib = new CsvLibraryReader().read(p);
        assertThat(lib.size()).isEqualTo(439);
        assertThat(lib.wavelengths()).hasSize(434);
        assertThat(lib.wavelengths()[0]).isEqualTo(353.1);
        assertThat(lib.names().get(0)).isNotBlank();
        assertThat(java.util.Arrays.stream(lib.spectra()).anyMatch(s -> Float.isNaN(s[10]))).isTrue();
        // A spectrum whose leading channels were deleted does not cover the grid: refused, naming the gap.
        assertThatThrownBy(() -> LibraryResampling.toGrid(lib, SyntheticSettings.defaults(1).withGrid(400, 2400, 10)
                .grid())).hasMessageContaining("Mascagnite").hasMessageContaining("missing 400–545.3 nm");
    }

    @Test
    void splibAsciiFilesWithTheirWavelengthFile() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getResource("/splib07/s07_test_Calcite_AREF.txt").toURI()).getParent();
        var reader = new Splib07AsciiReader();
        Path kaolinite = folder.resolve("s07_test_Kaolinite_AREF.txt");
        assertThat(reader.accepts(kaolinite)).isTrue();
        assertThat(reader.accepts(folder.resolve("splib07a_Wavelengths_test_5_ch.txt"))).isFalse();
        SpectralLibrary one = reader.read(kaolinite);
        assertThat(one.names()).containsExactly("Kaolinite CM9 test AREF");
        assertThat(one.wavelengths()).containsExactly(400, 500, 600, 700, 800);
        assertThat(one.spectra()[0][2]).isNaN();
        SpectralLibrary all = reader.read(folder);
        assertThat(all.names()).containsExactly("Calcite WS272 test AREF", "Kaolinite CM9 test AREF");
        var resampled = LibraryResampling.toGrid(one, new double[] {500, 600, 700});
        assertThat(resampled.spectra()[0][1]).isCloseTo(0.65f, within(1e-6f));
    }

    @Test
    void splibAsciiWithoutAMatchingWavelengthFile() throws IOException {
        Path f = dir.resolve("s07_x_AREF.txt");
        Files.writeString(f, "splib07a Record=9: X\n0.1\n0.2\n");
        assertThatThrownBy(() -> new Splib07AsciiReader().read(f)).hasMessageContaining("2 channels")
                .hasMessageContaining("Wavelengths");
    }

    @Test
    void enviSpectralLibrary() throws IOException {
        Path hdr = dir.resolve("lib.hdr");
        Files.writeString(hdr, """
                ENVI
                samples = 4
                lines = 2
                bands = 1
                header offset = 0
                file type = ENVI Spectral Library
                data type = 4
                interleave = bsq
                byte order = 0
                wavelength units = Micrometers
                wavelength = {0.4, 0.5, 0.6, 0.7}
                spectra names = {Goethite WS222, Hematite GDS27}
                """);
        ByteBuffer buf = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.05f, 0.1f, 0.4f, 0.5f}) {
            buf.putFloat(v);
        }
        Files.write(dir.resolve("lib.sli"), buf.array());
        var reader = new EnviLibraryReader();
        assertThat(reader.accepts(dir.resolve("lib.sli"))).isTrue();
        SpectralLibrary lib = reader.read(dir.resolve("lib.sli"));
        assertThat(lib.names()).containsExactly("Goethite WS222", "Hematite GDS27");
        assertThat(lib.wavelengths()).containsExactly(400, 500, 600, 700);
        assertThat(lib.spectra()[1]).containsExactly(0.05f, 0.1f, 0.4f, 0.5f);
    }

    @Test
    void enviImageIsNotALibrary() throws IOException {
        Path hdr = dir.resolve("img.hdr");
        Files.writeString(hdr, "ENVI\nsamples = 1\nlines = 1\nbands = 2\ndata type = 4\ninterleave = bsq\n"
                + "byte order = 0\nwavelength = {500, 600}\n");
        Files.write(dir.resolve("img.img"), new byte[8]);
        assertThat(new EnviLibraryReader().accepts(hdr)).isFalse();
        assertThatThrownBy(() -> new EnviLibraryReader().read(hdr)).hasMessageContaining("not 'ENVI Spectral Library'");
    }
}
