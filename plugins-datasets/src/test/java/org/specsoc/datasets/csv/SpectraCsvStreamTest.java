package org.specsoc.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.specsoc.api.data.SpectralDataset;

class SpectraCsvStreamTest {
    private static final int ROWS = 600;
    private static final int BANDS = 17;

    @TempDir
    Path dir;

    /** A generated file with ids, a percent label (some empty or NA), a text column and reflectance values. */
    private Path generated(String name, int rows, String plainOrNm) throws IOException {
        var rnd = new SplittableRandom(42);
        var sb = new StringBuilder("sample_id,soc_pct,site");
        for (int b = 0; b < BANDS; b++) {
            sb.append(',').append(plainOrNm).append(400 + 10 * b);
        }
        sb.append('\n');
        for (int r = 0; r < rows; r++) {
            sb.append("s").append(r).append(',');
            sb.append(r % 7 == 0 ? "" : r % 11 == 0 ? "NA" : String.format(java.util.Locale.ROOT, "%.3f",
                    rnd.nextDouble() * 5));
            sb.append(",site").append(r % 3);
            for (int b = 0; b < BANDS; b++) {
                sb.append(',').append(String.format(java.util.Locale.ROOT, "%.6f", rnd.nextDouble()));
            }
            sb.append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb);
        return p;
    }

    private static List<SpectraCsvStream.Rows> all(SpectraCsvStream s, int maxRows) throws IOException {
        var out = new ArrayList<SpectraCsvStream.Rows>();
        for (var b = s.next(maxRows); b != null; b = s.next(maxRows)) {
            assertThat(b.rows()).isBetween(1, maxRows);
            out.add(b);
        }
        return out;
    }

    private static void assertSameAsWholeFile(Path p, CsvLayout layout, int maxRows) throws IOException {
        SpectralDataset whole = new SpectraCsvReader(layout, 2).read(p);
        List<SpectraCsvStream.Rows> batches;
        double[] wl;
        try (var s = SpectraCsvStream.open(p, layout)) {
            wl = s.wavelengths();
            batches = all(s, maxRows);
        }
        assertThat(wl).isEqualTo(whole.wavelengths());
        assertThat(batches).hasSize((whole.rows() + maxRows - 1) / maxRows);
        String[] ids = batches.stream().flatMap(b -> Arrays.stream(b.ids())).toArray(String[]::new);
        assertThat(ids).isEqualTo(whole.ids());
        float[] spectra = new float[whole.rows() * whole.bands()];
        float[] labels = new float[whole.rows()];
        int at = 0;
        for (var b : batches) {
            System.arraycopy(b.spectra(), 0, spectra, at * whole.bands(), b.spectra().length);
            System.arraycopy(b.labels(), 0, labels, at, b.rows());
            at += b.rows();
        }
        // Bit-exact: floatToIntBits equality via isEqualTo on float[] (NaN labels compare equal as bits too).
        assertThat(spectra).isEqualTo(whole.spectra());
        assertThat(labels).isEqualTo(whole.socLabels());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 256, ROWS, ROWS + 1, 100_000})
    void batchesEqualTheWholeFileReader(int maxRows) throws IOException {
        Path p = generated("g.csv", ROWS, "nm_");
        assertSameAsWholeFile(p, CsvLayout.labelled("soc_pct"), maxRows);
    }

    @Test
    void plainHeadersRowNumberIdsAndAbsorbanceMatchToo() throws IOException {
        Path p = generated("plain.csv", 50, "");
        // No id column named: sample_id is still taken by default; name a layout without it via a renamed file.
        String text = Files.readString(p).replaceFirst("sample_id", "code");
        Files.writeString(p, text);
        var unlabelled = new CsvLayout(Optional.empty(), Optional.empty(), 1, Optional.empty(), Optional.empty(),
                List.of(), SpectralQuantity.REFLECTANCE, false);
        assertSameAsWholeFile(p, unlabelled, 9);
        try (var s = SpectraCsvStream.open(p, unlabelled)) {
            assertThat(s.next(3).ids()).containsExactly("1", "2", "3");
        }
        // Absorbance values of 0..1 become reflectance 0.1..1, the same conversion as the whole-file reader.
        assertSameAsWholeFile(p, unlabelled.withQuantity(SpectralQuantity.ABSORBANCE), 13);
    }

    @Test
    void deadPixelFilterDropsTheSameRows() throws IOException {
        Path p = dir.resolve("dead.csv");
        Files.writeString(p, "sample_id,nm_400,nm_410\na,0.1,0.2\nb,1.5,0.2\nc,0.3,NA\nd,0.4,0.5\n");
        var layout = new CsvLayout(Optional.empty(), Optional.empty(), 1, Optional.empty(), Optional.empty(),
                List.of(), SpectralQuantity.REFLECTANCE, true);
        assertSameAsWholeFile(p, layout, 2);
        try (var s = SpectraCsvStream.open(p, layout)) {
            assertThat(s.next(10).ids()).containsExactly("a", "d");
            assertThat(s.dropped()).isEqualTo(2);
        }
        String whole = message(() -> new SpectraCsvReader(layout.withDeadPixelFilter(false), 1).read(p));
        String streamed = message(() -> drain(p, layout.withDeadPixelFilter(false), 1));
        assertThat(streamed).isEqualTo(whole).contains("line 3, column 2 'nm_400'").contains("outside [0, 1]");
    }

    @Test
    void aNonNumericValueInTheMiddleGivesTheSameOneLineError() throws IOException {
        Path p = generated("bad.csv", ROWS, "nm_");
        List<String> lines = new ArrayList<>(Files.readAllLines(p));
        String[] cells = lines.get(300).split(",");
        cells[6] = "0.1x";
        lines.set(300, String.join(",", cells));
        Files.write(p, lines);
        var layout = CsvLayout.labelled("soc_pct");
        String whole = message(() -> new SpectraCsvReader(layout, 2).read(p));
        for (int maxRows : new int[] {1, 64, 10_000}) {
            assertThat(message(() -> drain(p, layout, maxRows))).isEqualTo(whole);
        }
        assertThat(whole).isEqualTo(p + ", line 301, column 7 'nm_430': '0.1x' is not a number").doesNotContain("\n");
    }

    @Test
    void aRaggedRowAndABadLabelGiveTheSameErrors() throws IOException {
        Path p = generated("ragged.csv", 40, "nm_");
        List<String> lines = new ArrayList<>(Files.readAllLines(p));
        lines.set(20, lines.get(20) + ",0.5");
        Files.write(p, lines);
        var layout = CsvLayout.labelled("soc_pct");
        String whole = message(() -> new SpectraCsvReader(layout, 1).read(p));
        assertThat(message(() -> drain(p, layout, 8))).isEqualTo(whole).contains("line 21")
                .contains("the row has 21 fields but the header has 20");

        Path q = generated("label.csv", 40, "nm_");
        List<String> ql = new ArrayList<>(Files.readAllLines(q));
        ql.set(10, ql.get(10).replaceFirst("^(s9),[^,]*,", "$1,lots,"));
        Files.write(q, ql);
        String wholeLabel = message(() -> new SpectraCsvReader(layout, 1).read(q));
        assertThat(message(() -> drain(q, layout, 8))).isEqualTo(wholeLabel)
                .contains("line 11, column 2 'soc_pct': label 'lots' is not a number");
    }

    @Test
    void aDuplicateIdAcrossBatchesGivesTheSameErrorAsTheWholeFileReader() throws IOException {
        Path p = generated("dup.csv", ROWS, "nm_");
        List<String> lines = new ArrayList<>(Files.readAllLines(p));
        String firstId = lines.get(5).split(",")[0];
        lines.set(400, lines.get(400).replaceFirst("^[^,]*,", firstId + ","));
        Files.write(p, lines);
        var layout = CsvLayout.labelled("soc_pct");
        String whole = message(() -> new SpectraCsvReader(layout, 2).read(p));
        assertThat(whole).contains("line 401, column 1 'sample_id'")
                .contains("duplicate sample id '" + firstId + "' (first on line 6)");
        for (int maxRows : new int[] {1, 64, 10_000}) {
            assertThat(message(() -> drain(p, layout, maxRows))).isEqualTo(whole);
        }
    }

    @Test
    void theFirstErrorInTheFileWins() throws IOException {
        Path p = dir.resolve("two.csv");
        Files.writeString(p, "sample_id,nm_400,nm_410\na,0.1,0.2\nb,zz,0.2\nc,0.3\n");
        var noLabel = new CsvLayout(Optional.empty(), Optional.empty(), 1, Optional.empty(), Optional.empty(),
                List.of(), SpectralQuantity.REFLECTANCE, false);
        // A stream cannot look ahead: the non-numeric cell on line 3 is reported, not the short row on line 4
        // (the whole-file reader tokenises everything first and reports the short row).
        String m = message(() -> drain(p, noLabel, 100));
        assertThat(m).isEqualTo(p + ", line 3, column 2 'nm_400': 'zz' is not a number");
    }

    @Test
    void headerProblemsAreReportedOnOpen() throws IOException {
        Path p = dir.resolve("h.csv");
        Files.writeString(p, "sample_id,nm_410,nm_400\na,0.1,0.2\n");
        assertThat(message(() -> SpectraCsvStream.open(p, CsvLayout.labelled("soc_pct"))))
                .isEqualTo(message(() -> new SpectraCsvReader(CsvLayout.labelled("soc_pct"), 1).read(p)))
                .contains("the label column 'soc_pct' does not exist");
        var noLabel = new CsvLayout(Optional.empty(), Optional.empty(), 1, Optional.empty(), Optional.empty(),
                List.of(), SpectralQuantity.REFLECTANCE, false);
        assertThat(message(() -> SpectraCsvStream.open(p, noLabel))).contains("wavelengths must increase");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "sample_id,nm_400\n");
        assertThat(message(() -> drain(empty, noLabel, 4)))
                .isEqualTo(message(() -> new SpectraCsvReader(noLabel, 1).read(empty)));
    }

    @Test
    void aLongFileIsNeverHeldMoreThanOneBatchAtATime() throws IOException {
        int rows = 20_000;
        Path p = generated("long.csv", rows, "nm_");
        int maxRows = 64;
        long total = 0;
        try (var s = SpectraCsvStream.open(p, CsvLayout.labelled("soc_pct"))) {
            for (var b = s.next(maxRows); b != null; b = s.next(maxRows)) {
                total += b.rows();
                assertThat(b.spectra()).hasSize(b.rows() * BANDS);
                // The stream has read exactly the rows handed out so far: it never reads ahead of the caller.
                assertThat(s.rowsRead()).isEqualTo(total);
                assertThat(s.peakRowsHeld()).isLessThanOrEqualTo(maxRows);
            }
            assertThat(s.peakRowsHeld()).isEqualTo(maxRows);
        }
        assertThat(total).isEqualTo(rows);
    }

    private static void drain(Path p, CsvLayout layout, int maxRows) throws IOException {
        try (var s = SpectraCsvStream.open(p, layout)) {
            while (s.next(maxRows) != null) {
                // read to the end
            }
        }
    }

    interface Action {
        void run() throws Exception;
    }

    private static String message(Action a) {
        try {
            a.run();
        } catch (Exception e) {
            assertThat(e).isInstanceOf(DataFormatException.class);
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }
}
