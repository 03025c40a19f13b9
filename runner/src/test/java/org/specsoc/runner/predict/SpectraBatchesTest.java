package org.specsoc.runner.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.csv.CsvLayout;
import org.specsoc.datasets.csv.DataFormatException;
import org.specsoc.datasets.csv.SpectraCsvReader;
import org.specsoc.datasets.csv.SpectralQuantity;
import org.specsoc.runner.wiring.PluginRegistry;

/** The predict command's CSV path: streamed, read ahead, and the same spectra as the whole-file reader. */
class SpectraBatchesTest {
    private static final PluginRegistry PLUGINS = PluginRegistry.discover(SpectraBatchesTest.class.getClassLoader());

    @TempDir
    Path dir;

    private Path csv(int rows, int badLine) throws IOException {
        var r = new SplittableRandom(5);
        var sb = new StringBuilder("sample_id,400,405,410,415\n");
        for (int i = 0; i < rows; i++) {
            sb.append("p").append(i);
            for (int b = 0; b < 4; b++) {
                sb.append(',').append(i + 2 == badLine && b == 2 ? "n/a" : String.format(Locale.ROOT, "%.5f",
                        r.nextDouble()));
            }
            sb.append('\n');
        }
        return Files.writeString(dir.resolve("in.csv"), sb);
    }

    private static List<SpectraBatches.Batch> all(SpectraBatches in, int maxRows) throws IOException {
        var out = new ArrayList<SpectraBatches.Batch>();
        for (var b = in.next(maxRows); b != null; b = in.next(maxRows)) {
            out.add(b);
        }
        return out;
    }

    @Test
    void aCsvInputStreamsTheSameSpectraAsTheWholeFileReader() throws IOException {
        Path p = csv(1_000, -1);
        SpectralDataset whole = new SpectraCsvReader(new CsvLayout(Optional.empty(), Optional.empty(), 0.01,
                Optional.empty(), Optional.empty(), List.of(), SpectralQuantity.REFLECTANCE, false), 1).read(p);
        List<SpectraBatches.Batch> expected = all(SpectraBatches.of(whole), 64);
        List<SpectraBatches.Batch> streamed;
        try (SpectraBatches in = PredictCommand.openTable(p, "auto", PLUGINS)) {
            assertThat(in.wavelengths()).containsExactly(400, 405, 410, 415);
            assertThat(in.source()).contains("in.csv");
            streamed = all(in, 64);
        }
        assertThat(streamed).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(streamed.get(i).ids()).isEqualTo(expected.get(i).ids());
            assertThat(streamed.get(i).spectra()).isEqualTo(expected.get(i).spectra());
            assertThat(streamed.get(i).soc()).isEqualTo(expected.get(i).soc());
        }
    }

    @Test
    void aBadCellSurfacesFromReadAheadWithTheReadersMessage() throws IOException {
        Path p = csv(500, 300);
        String expected = p.toAbsolutePath() + ", line 300, column 4 '410': 'n/a' is not a number";
        try (SpectraBatches in = PredictCommand.openTable(p, "auto", PLUGINS)) {
            // Rows before the bad one come through; the error comes with the batch that holds line 300.
            assertThatThrownBy(() -> {
                for (var b = in.next(100); b != null; b = in.next(100)) {
                    assertThat(b.rows()).isEqualTo(100);
                }
            }).isInstanceOf(DataFormatException.class).hasMessage(expected);
        }
    }
}
