package org.specsoc.datasets.raca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import de.siegmar.fastcsv.reader.CsvReader;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.testing.SharedData;

class RacaReadersTest {
    @TempDir
    Path dir;

    @Test
    void socFormulaAndClipping() {
        assertThat(RacaCsvReader.soc(2.0, 5.0)).isCloseTo(0.014, within(1e-12));
        assertThat(RacaCsvReader.soc(2.0, Double.NaN)).isCloseTo(0.02, within(1e-12));
        assertThat(RacaCsvReader.soc(2.0, -3)).isCloseTo(0.02, within(1e-12));
        assertThat(RacaCsvReader.soc(0.1, 5.0)).isZero();
    }

    @Test
    void sampleGivesTheThreeLabelledSpectraWithTheAuthorsSoc() throws IOException {
        Path spectra = SharedData.require("raca-sample/raca_sample_reflectance_365-2500nm.csv");
        Path meta = SharedData.require("raca-sample/raca_sample_metadata.csv");
        Map<String, String> expected = new HashMap<>();
        try (var csv = CsvReader.builder().ofNamedCsvRecord(meta)) {
            csv.forEach(r -> {
                if (r.getField("labelled_in_paper_pipeline").equals("yes")) {
                    expected.put(r.getField("sample_id"), r.getField("soc_lab_frac"));
                }
            });
        }
        SpectralDataset d = new RacaCsvReader(false, 0.4).read(spectra, meta);
        assertThat(d.rows()).isEqualTo(expected.size()).isEqualTo(3);
        for (int i = 0; i < d.rows(); i++) {
            assertThat((double) d.soc(i)).isCloseTo(Double.parseDouble(expected.get(d.id(i))), within(1e-6));
            assertThat(d.group(SpectralDataset.REGION)[i]).isEqualTo("1");
        }
        assertThat(d.bands()).isEqualTo(2136);
        assertThat(d.provenance().facts()).containsEntry("final", "3");
    }

    @Test
    void keepUnlabelledKeepsEveryCleanSpectrumWithRegionsFromThePedonId() throws IOException {
        Path spectra = SharedData.require("raca-sample/raca_sample_reflectance_365-2500nm.csv");
        Path meta = SharedData.require("raca-sample/raca_sample_metadata.csv");
        SpectralDataset d = new RacaCsvReader(true, 0.4).read(spectra, meta);
        assertThat(d.rows()).isEqualTo(99);
        assertThat(d.labelledCount()).isEqualTo(3);
        assertThat(Arrays.stream(d.group(SpectralDataset.REGION)).distinct().sorted()).containsExactly("1", "3", "4");
        assertThat(Arrays.stream(d.group(SpectralDataset.PEDON)).distinct().count()).isEqualTo(40);
    }

    @Test
    void cleaningRulesOnASmallExport() throws IOException {
        Path spectra = dir.resolve("spectra.csv");
        Files.writeString(spectra, String.join("\n",
                "sample_id,365,366",
                "1,0.1,0.2",
                "1,0.1,0.2",       // exact duplicate row: dropped
                "2,0.3,0.4",
                "3,0.3,1.4",       // dead pixel
                "4,0.2,0.2",       // wet sample's site
                "5,0.2,0.3",       // same wet site, other pedon: goes too
                "6,0.2,0.3",       // duplicated lab sample id: dropped
                "7,0.2,0.3",       // no total C
                "8,0.2,0.3") + "\n");
        Path lab = dir.resolve("lab.csv");
        Files.writeString(lab, String.join("\n",
                "rcasiteid,sample.id,pedon_no,adod,c_tot_ncs,caco3,rcapid",
                "C0101A01,1,1,1.01,2.0,5,C0101A011",
                "C0101A01,2,1,1.01,0.5,-1,C0101A011",
                "C0101A01,3,1,1.01,1.0,,C0101A011",
                "C1802B02,4,1,2.0,1.0,0,C1802B021",
                "C1802B02,5,2,1.01,1.0,0,C1802B022",
                "C0101A01,6,1,1.01,1.0,0,C0101A011",
                "C0101A01,6,1,1.01,1.1,0,C0101A011",
                "C0101A01,7,1,1.01,,0,C0101A011",
                "C0303C03,8,1,1.01,3.0,,C0303C031") + "\n");
        SpectralDataset d = new RacaCsvReader(false, 0.4).read(spectra, lab);
        assertThat(d.ids()).containsExactly("1", "2", "8");
        assertThat(d.soc(0)).isCloseTo(0.014f, within(1e-7f));
        assertThat(d.soc(1)).isCloseTo(0.005f, within(1e-7f));
        assertThat(d.group(SpectralDataset.REGION)).containsExactly("1", "1", "3");
        assertThat(d.group("site")).containsExactly("C0101A01", "C0101A01", "C0303C03");
        assertThat(d.provenance().facts()).containsEntry("dead_pixel_removed", "1")
                .containsEntry("moisture_removed_sites", "1");
    }

    @Test
    void missingLabColumnIsNamed() throws IOException {
        Path spectra = dir.resolve("s.csv");
        Files.writeString(spectra, "sample_id,365\n1,0.1\n");
        Path lab = dir.resolve("l.csv");
        Files.writeString(lab, "sample_id,rcapid,adod\n1,C0101A011,1.0\n");
        assertThatThrownBy(() -> new RacaCsvReader(false, 0.4).read(spectra, lab))
                .hasMessageContaining("l.csv, line 1").hasMessageContaining("no column 'c_tot_ncs'");
    }

    @Test
    void authorsSplitIndexFileMatchesTheRegionSummary() throws IOException {
        Path h5 = SharedData.require("raca-splits/originals/ICLRDataset_SplitIndices_v2.h5");
        Path summary = SharedData.require("raca-splits/region_summary.csv");
        RacaSplitIndices splits = RacaSplitIndices.read(h5);
        assertThat(splits.regions()).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
                "13", "14", "15", "16", "18");
        try (var csv = CsvReader.builder().ofNamedCsvRecord(summary)) {
            csv.forEach(r -> assertThat(splits.indices(r.getField("region")))
                    .hasSize(Integer.parseInt(r.getField("n_labelled"))));
        }
        for (String r : splits.regions()) {
            var ten = Arrays.stream(splits.bootstrap(r, 0)).boxed().toList();
            assertThat(Arrays.stream(splits.bootstrap5(r, 0)).boxed().toList()).isSubsetOf(ten);
            assertThat(Arrays.stream(splits.indices(r)).boxed().toList()).containsAll(ten);
        }
    }

    @Test
    void authorsHdf5MatrixThroughTheSplitIndices() throws IOException {
        Path data = dir.resolve("data.h5");
        float[][] matrix = new float[5][2137];
        for (int r = 0; r < 5; r++) {
            Arrays.fill(matrix[r], 0.1f * (r + 1));
            matrix[r][2136] = 0.01f * r;
        }
        try (var w = HdfFile.write(data)) {
            w.putDataset("data", matrix);
        }
        Path splits = dir.resolve("splits.h5");
        try (var w = HdfFile.write(splits)) {
            w.putDataset("1_indices", new long[] {4, 0});
            w.putDataset("3_indices", new long[] {2});
        }
        SpectralDataset d = new RacaHdf5Reader().read(data, RacaSplitIndices.read(splits));
        assertThat(d.ids()).containsExactly("0", "2", "4");
        assertThat(d.group(SpectralDataset.REGION)).containsExactly("1", "3", "1");
        assertThat(d.soc(2)).isEqualTo(0.04f);
        assertThat(d.value(1, 100)).isEqualTo(0.3f);
        assertThat(d.wavelength(2135)).isEqualTo(2500);

        Path bad = dir.resolve("bad.h5");
        try (var w = HdfFile.write(bad)) {
            w.putDataset("1_indices", new long[] {9});
        }
        assertThatThrownBy(() -> new RacaHdf5Reader().read(data, RacaSplitIndices.read(bad)))
                .hasMessageContaining("lists row 9").hasMessageContaining("5 rows");
    }
}
