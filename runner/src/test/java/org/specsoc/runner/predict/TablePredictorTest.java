package org.specsoc.runner.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.envi.SpectralCoverageException;

class TablePredictorTest {
    @TempDir
    Path dir;

    private static final double[] SOURCE = FakePredictor.grid(350, 2500, 10);
    private static final double[] MODEL = FakePredictor.grid(450, 2400, 5);

    /** Linear spectra a + b λ: interpolation is exact, so expected outputs have closed forms. */
    private static SpectralDataset data(int rows) {
        int m = SOURCE.length;
        float[] spectra = new float[rows * m];
        float[] soc = new float[rows];
        String[] ids = new String[rows];
        for (int r = 0; r < rows; r++) {
            double a = 0.05 + 0.01 * (r % 7);
            double b = (r % 3 == 0 ? 1e-4 : 2e-5);
            for (int j = 0; j < m; j++) {
                spectra[r * m + j] = (float) (a + b * SOURCE[j]);
            }
            ids[r] = "s" + r;
            soc[r] = r % 5 == 0 ? Float.NaN : 0.01f;
        }
        if (rows > 4) {
            spectra[4 * m + 10] = Float.NaN;   // spectrum 4 has a missing value
        }
        return new SpectralDataset(spectra, SOURCE, soc, ids, Map.of(), DatasetProvenance.of("test.csv"));
    }

    private static double expectedSoc(SpectralDataset d, int r) {
        double[] onModel = new double[MODEL.length];
        double a = d.value(r, 0) - (d.value(r, 1) - d.value(r, 0)) / 10.0 * 350;
        double b = (d.value(r, 1) - d.value(r, 0)) / 10.0;
        for (int j = 0; j < MODEL.length; j++) {
            onModel[j] = a + b * MODEL[j];
        }
        return FakePredictor.mean(onModel) / 10;
    }

    private static List<CsvRecord> read(Path csv) throws IOException {
        try (var reader = CsvReader.builder().ofCsvRecord(csv); Stream<CsvRecord> s = reader.stream()) {
            return s.toList();
        }
    }

    @Test
    void writesOneRowPerSpectrumWithIntervalAndFlag() throws IOException {
        SpectralDataset d = data(23);
        var predictor = new FakePredictor(MODEL, true, false, 5);
        double threshold = 1e-4 * FakePredictor.std(MODEL) * 0.5;   // between the two slopes' MRMSE
        var model = TestModels.model(predictor, 0.004, threshold);
        Path csv = dir.resolve("out.csv");
        var results = new ArrayList<TablePredictor.BatchResult>();
        TablePredictor.Summary summary;
        try (var out = new PredictionWriter(csv, true)) {
            summary = new TablePredictor(model).run(SpectraBatches.of(d), out, results::add);
            assertThat(csv).doesNotExist();
            out.commit();
        }
        assertThat(predictor.maxRows).isLessThanOrEqualTo(5);
        assertThat(results).hasSize(5);
        assertThat(summary.spectra()).isEqualTo(23);
        assertThat(summary.predicted()).isEqualTo(22);
        assertThat(summary.unpredicted()).isEqualTo(1);
        assertThat(summary.flagged()).isEqualTo(8);   // rows 0, 3, 6, ..., 21 have the steep slope

        List<CsvRecord> rows = read(csv);
        assertThat(rows.get(0).getFields()).isEqualTo(PredictionWriter.COLUMNS);
        assertThat(rows).hasSize(24);
        for (int r = 0; r < 23; r++) {
            CsvRecord row = rows.get(r + 1);
            assertThat(row.getField(0)).isEqualTo("s" + r);
            if (r == 4) {
                assertThat(row.getFields().subList(1, 7)).containsOnly("");
                continue;
            }
            double soc = Double.parseDouble(row.getField(1));
            assertThat(soc).isCloseTo(expectedSoc(d, r), within(2e-6));
            assertThat(Double.parseDouble(row.getField(2))).isCloseTo(soc * 100, within(1e-4));
            double slope = r % 3 == 0 ? 1e-4 : 2e-5;
            assertThat(Double.parseDouble(row.getField(3))).isCloseTo(slope * FakePredictor.std(MODEL),
                    within(2e-6));
            assertThat(row.getField(4)).isEqualTo(r % 3 == 0 ? "true" : "false");
            assertThat(Double.parseDouble(row.getField(5))).isCloseTo(Math.max(0, soc - 0.004), within(2e-6));
            assertThat(Double.parseDouble(row.getField(6))).isCloseTo(soc + 0.004, within(2e-6));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(csv);
        }
        // what an evaluation gets from the listener
        TablePredictor.BatchResult first = results.get(0);
        assertThat(first.ids()).containsExactly("s0", "s1", "s2", "s3", "s4");
        assertThat(first.truth()[0]).isNaN();
        assertThat(first.soc()[4]).isNaN();
        assertThat(first.ood()).containsExactly(true, false, false, true, false);
    }

    @Test
    void withoutDecoderTheMrmseAndOodColumnsAreAbsent() throws IOException {
        var model = TestModels.model(new FakePredictor(MODEL, false, false, 100), 0.004, 0);
        Path csv = dir.resolve("plain.csv");
        try (var out = new PredictionWriter(csv, false)) {
            new TablePredictor(model).run(SpectraBatches.of(data(3)), out, null);
            out.commit();
        }
        List<CsvRecord> rows = read(csv);
        assertThat(rows.get(0).getFields()).containsExactly("id", "soc_fraction", "soc_percent", "soc_lower",
                "soc_upper");
        assertThat(rows.get(1).getFieldCount()).isEqualTo(5);
    }

    @Test
    void identicalGridsSkipResamplingAndUncoveredGridsAreRefused() throws IOException {
        SpectralDataset d = data(4);
        var sameGrid = new FakePredictor(SOURCE, true, false, 10);
        var results = new ArrayList<TablePredictor.BatchResult>();
        new TablePredictor(TestModels.model(sameGrid, 0.004, 1)).run(SpectraBatches.of(d), null, results::add);
        assertThat(results.get(0).soc()[1]).isCloseTo(FakePredictor.mean(
                java.util.stream.IntStream.range(0, SOURCE.length).mapToDouble(j -> d.value(1, j)).toArray()) / 10,
                within(1e-7));

        var wide = new FakePredictor(FakePredictor.grid(300, 2500, 1), true, false, 10);
        assertThatThrownBy(() -> new TablePredictor(TestModels.model(wide, 0.004, 1))
                .run(SpectraBatches.of(d), null, null)).isInstanceOf(SpectralCoverageException.class)
                .hasMessage("test.csv covers 350\u20132500 nm but the model needs 300\u20132500 nm "
                        + "(missing 300\u2013350 nm)");
    }

    @Test
    void anUncommittedCsvLeavesNothingBehind() throws IOException {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "old");
        try (var out = new PredictionWriter(csv, true)) {
            out.write("a", 0.01, 0.02, false, 0.0, 0.02);
        }
        assertThat(Files.readString(csv)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(csv);
        }
    }
}
