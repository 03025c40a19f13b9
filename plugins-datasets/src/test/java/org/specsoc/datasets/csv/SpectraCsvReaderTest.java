package org.specsoc.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.testing.SharedData;
import org.specsoc.datasets.synthetic.SyntheticGenerator;
import org.specsoc.datasets.synthetic.SyntheticSettings;

class SpectraCsvReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    private static CsvLayout unlabelled() {
        return new CsvLayout(Optional.empty(), Optional.empty(), 1, Optional.empty(), Optional.empty(), List.of(),
                SpectralQuantity.REFLECTANCE, false);
    }

    private static CsvLayout socPercent() {
        return CsvLayout.labelled("soc_pct");
    }

    @Test
    void writerAndReaderRoundTripExactly() throws IOException {
        SpectralDataset d = new SyntheticGenerator(SyntheticSettings.defaults(2).withScale(0.06)
                .withGrid(400, 2500, 25)).generate().dataset();
        Path p = dir.resolve("syn.csv");
        SpectraCsvWriter.write(d, p);
        var layout = new CsvLayout(Optional.empty(), Optional.of("soc"), 1.0, Optional.of("region"),
                Optional.of("pedon"), List.of("depth"), SpectralQuantity.REFLECTANCE, false);
        // One thread and several chunks of 256 rows, so chunk buffers are reused: rows must come back in order.
        SpectralDataset back = new SpectraCsvReader(layout, 1).read(p);
        assertThat(back.rows()).isGreaterThan(4 * 256);
        assertThat(back.rows()).isEqualTo(d.rows());
        assertThat(back.wavelengths()).isEqualTo(d.wavelengths());
        assertThat(back.spectra()).isEqualTo(d.spectra());
        assertThat(back.socLabels()).isEqualTo(d.socLabels());
        assertThat(back.ids()).isEqualTo(d.ids());
        assertThat(back.group("region")).isEqualTo(d.group("region"));
        assertThat(back.group("pedon")).isEqualTo(d.group("pedon"));
        String sha = FileDigests.sha256(p);
        assertThat(back.provenance().files()).singleElement().satisfies(f -> assertThat(f.sha256()).isEqualTo(sha));
    }

    @Test
    void plainNumericHeadersAndPercentLabels() throws IOException {
        Path p = file("a.csv", "sample_id,soc_pct,site,400,401.5,403", "a,1.5,s1,0.1,0.2,0.3", "b,,s2,0.4,0.5,0.6",
                "c,NA,s2,0.4,0.5,0.6");
        SpectralDataset d = new SpectraCsvReader(socPercent()).read(p);
        assertThat(d.wavelengths()).containsExactly(400, 401.5, 403);
        assertThat(d.soc(0)).isCloseTo(0.015f, within(1e-7f));
        assertThat(d.labelled(1)).isFalse();
        assertThat(d.labelled(2)).isFalse();
        assertThat(d.value(1, 2)).isEqualTo(0.6f);
    }

    @Test
    void absorbanceBecomesReflectance() throws IOException {
        Path p = file("a.csv", "sample_id,nm_1100,nm_1102", "a,1,0.30103");
        SpectralDataset d = new SpectraCsvReader(unlabelled().withQuantity(SpectralQuantity.ABSORBANCE)).read(p);
        assertThat(d.value(0, 0)).isCloseTo(0.1f, within(1e-6f));
        assertThat(d.value(0, 1)).isCloseTo(0.5f, within(1e-5f));
    }

    @Test
    void rowLongerThanHeader() throws IOException {
        Path p = file("r.csv", "sample_id,soc_pct,nm_400,nm_401", "a,1,0.1,0.2", "b,1,0.1,0.2,0.3");
        assertThatThrownBy(() -> new SpectraCsvReader(socPercent()).read(p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("r.csv, line 3").hasMessageContaining("5 fields but the header has 4");
    }

    @Test
    void rowShorterThanHeader() throws IOException {
        Path p = file("r.csv", "sample_id,soc_pct,nm_400,nm_401", "a,1,0.1");
        assertThatThrownBy(() -> new SpectraCsvReader(socPercent()).read(p))
                .hasMessageContaining("line 2, column 4").hasMessageContaining("3 fields");
    }

    @Test
    void nonNumericValueNamesLineAndColumn() throws IOException {
        Path p = file("n.csv", "sample_id,soc_pct,nm_400,nm_401", "a,1,0.1,0.2", "b,1,0.1,x0.2");
        assertThatThrownBy(() -> new SpectraCsvReader(socPercent()).read(p))
                .hasMessage(p + ", line 3, column 4 'nm_401': 'x0.2' is not a number");
    }

    @Test
    void nonNumericLabel() throws IOException {
        Path p = file("n.csv", "sample_id,soc_pct,nm_400,nm_401", "a,high,0.1,0.2");
        assertThatThrownBy(() -> new SpectraCsvReader(socPercent()).read(p))
                .hasMessageContaining("line 2, column 2 'soc_pct'").hasMessageContaining("label 'high'");
    }

    @Test
    void nonIncreasingWavelengths() throws IOException {
        Path p = file("w.csv", "sample_id,nm_400,nm_402,nm_401", "a,0.1,0.2,0.3");
        assertThatThrownBy(() -> new SpectraCsvReader(unlabelled()).read(p))
                .hasMessageContaining("line 1, column 4 'nm_401'").hasMessageContaining("401 nm follows 402 nm");
    }

    @Test
    void duplicateIds() throws IOException {
        Path p = file("d.csv", "sample_id,soc_pct,nm_400", "a,1,0.1", "b,1,0.1", "a,2,0.2");
        assertThatThrownBy(() -> new SpectraCsvReader(socPercent()).read(p))
                .hasMessageContaining("line 4, column 1 'sample_id'").hasMessageContaining("duplicate sample id 'a'")
                .hasMessageContaining("first on line 2");
    }

    @Test
    void emptyFileAndHeaderOnly() throws IOException {
        Path empty = file("e.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> new SpectraCsvReader(socPercent()).read(empty)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("e.csv").hasMessageContaining("empty");
        Path headerOnly = file("h.csv", "sample_id,soc_pct,nm_400");
        assertThatThrownBy(() -> new SpectraCsvReader(socPercent()).read(headerOnly))
                .hasMessageContaining("h.csv, line 2").hasMessageContaining("no data rows");
    }

    @Test
    void missingLabelColumnNamesTheColumnsThatExist() throws IOException {
        Path p = file("l.csv", "sample_id,carbon,nm_400", "a,1,0.1");
        assertThatThrownBy(() -> new SpectraCsvReader(socPercent()).read(p))
                .hasMessageContaining("l.csv, line 1").hasMessageContaining("label column 'soc_pct' does not exist")
                .hasMessageContaining("[sample_id, carbon]");
    }

    @Test
    void nanAndOutOfRangeReflectanceFailUnlessTheFilterIsOn() throws IOException {
        Path p = file("d.csv", "sample_id,soc_pct,nm_400,nm_401", "a,1,0.1,0.2", "b,1,,0.2", "c,1,0.1,1.2",
                "d,1,-0.01,0.5", "e,2,0.3,0.4");
        assertThatThrownBy(() -> new SpectraCsvReader(socPercent()).read(p))
                .hasMessageContaining("line 3, column 3 'nm_400': missing value (NaN)");
        Path q = file("q.csv", "sample_id,soc_pct,nm_400,nm_401", "a,1,0.1,0.2", "c,1,0.1,1.2");
        assertThatThrownBy(() -> new SpectraCsvReader(socPercent()).read(q))
                .hasMessageContaining("line 3, column 4 'nm_401': reflectance 1.2 outside [0, 1]");
        SpectralDataset kept = new SpectraCsvReader(socPercent().withDeadPixelFilter(true)).read(p);
        assertThat(kept.ids()).containsExactly("a", "e");
        assertThat(kept.provenance().facts()).containsEntry("dead_pixel_dropped", "3");
    }

    @Test
    void duplicateColumnName() throws IOException {
        Path p = file("c.csv", "sample_id,nm_400,nm_400", "a,0.1,0.2");
        assertThatThrownBy(() -> new SpectraCsvReader(unlabelled()).read(p))
                .hasMessageContaining("line 1, column 3 'nm_400'").hasMessageContaining("appears twice");
    }

    @Test
    void noSpectralColumns() throws IOException {
        Path p = file("c.csv", "sample_id,soc_pct", "a,1");
        assertThatThrownBy(() -> new SpectraCsvReader(socPercent()).read(p))
                .hasMessageContaining("names no spectral column");
    }

    @Test
    void readsTheRacaSampleInPlace() throws IOException {
        Path p = SharedData.require("raca-sample/raca_sample_reflectance_365-2500nm.csv");
        SpectralDataset d = new SpectraCsvReader(unlabelled()).read(p);
        assertThat(d.rows()).isEqualTo(99);
        assertThat(d.bands()).isEqualTo(2136);
        assertThat(d.wavelength(0)).isEqualTo(365);
        assertThat(d.labelledCount()).isZero();
    }

    @Test
    void readsNirsoilAbsorbanceWithMissingLabels() throws IOException {
        Path p = SharedData.require("chimiometrie2006_nirsoil/nirsoil_absorbance_1100_2498.csv");
        var layout = new CsvLayout(Optional.empty(), Optional.of("carbon_iso14235_pct"), 0.01, Optional.empty(),
                Optional.empty(), List.of("split"), SpectralQuantity.ABSORBANCE, false);
        SpectralDataset d = new SpectraCsvReader(layout).read(p);
        assertThat(d.rows()).isEqualTo(825);
        assertThat(d.bands()).isEqualTo(700);
        assertThat(d.labelledCount()).isEqualTo(732);
        assertThat(d.group("split")).contains("train", "test");
    }
}
