package org.specsoc.runner.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.datasets.csv.SpectraCsvWriter;
import org.specsoc.datasets.envi.EnviHeader;
import org.specsoc.datasets.envi.EnviImageReader;
import org.specsoc.runner.archive.ArchiveFixtures;
import org.specsoc.runner.model.ModelCodec;
import org.specsoc.runner.wiring.PluginRegistry;
import picocli.CommandLine;

/**
 * Issue 7's "Done when", on a small synthetic run (see {@link OodAcceptance}): flag rates and coverage, then the
 * trained model saved, loaded by {@code specsoc predict} and applied to a table and to an ENVI image.
 */
class OodAcceptanceTest {
    private static final PluginRegistry PLUGINS = PluginRegistry.discover(OodAcceptanceTest.class.getClassLoader());
    private static final ReferenceBackend BACKEND = new ReferenceBackend();
    private static OodAcceptance.Outcome outcome;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        outcome = OodAcceptance.run(OodAcceptance.Settings.small(7), BACKEND);
    }

    @Test
    void plantedRegionsAreFlaggedAndTheIntervalCoversAtAboutItsLevel() {
        OodReport.Group in = outcome.inDistribution();
        OodReport.Group out = outcome.outOfDistribution();
        assertThat(in.spectra()).isGreaterThan(200);
        assertThat(out.spectra()).isGreaterThan(200);
        // The threshold is the 99th percentile of held-out errors: few in-distribution spectra pass it...
        assertThat(in.flaggedRate()).isLessThan(0.05);
        // ...and most spectra of the planted regions do.
        assertThat(out.flaggedRate()).isGreaterThan(0.5).isGreaterThan(10 * Math.max(in.flaggedRate(), 0.01));
        // Split-conformal at 0.9 on exchangeable test spectra: the measured coverage near 0.9, its 95 % Wilson
        // interval reaching within 0.05 of nominal.
        assertThat(in.coverage()).isBetween(0.82, 0.97);
        assertThat(in.coverageHigh()).isGreaterThan(0.85);
        assertThat(in.coverageLow()).isLessThan(0.95);
    }

    @Test
    void aSavedModelPredictsATableAndAnEnviImageThroughTheCommand() throws IOException {
        Path model = dir.resolve("model.zip");
        ModelCodec.save(model, outcome.model(), Map.of("encoder.type", "mlp", "encoder.hidden", "48",
                "encoder.blocks", "2", "decoder.type", "ann", "decoder.hidden", "48", "decoder.blocks", "2"),
                ArchiveFixtures.provenance(), outcome.calibration(), List.of());
        var command = new PredictCommand(p -> PredictCommand.loadArchive(p, PLUGINS, BACKEND),
                (f, format) -> PredictCommand.openTable(f, format, PLUGINS));

        // Table: the in-distribution test spectra as a spectra CSV.
        Path table = dir.resolve("test.csv");
        SpectraCsvWriter.write(outcome.test(), table);
        Path csv = dir.resolve("pred.csv");
        assertThat(run(command, "--model", model.toString(), "--input", table.toString(), "--output",
                csv.toString())).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(outcome.test().rows() + 1);
        assertThat(lines.get(0)).isEqualTo("id,soc_fraction,soc_percent,mrmse,ood,soc_lower,soc_upper");
        assertThat(lines.get(1)).startsWith(outcome.test().id(0) + ",");

        // Image: in-distribution background, an OOD disc, a no-data strip.
        int rows = 24;
        int cols = 32;
        Path scene = SyntheticScene.write(dir, "scene", outcome.test(), outcome.ood(), rows, cols);
        Path out = dir.resolve("pred.hdr");
        assertThat(run(new PredictCommand(p -> PredictCommand.loadArchive(p, PLUGINS, BACKEND), null), "--model",
                model.toString(), "--input", scene.toString(), "--output", out.toString())).isZero();
        EnviHeader h = EnviHeader.read(out);
        assertThat(h.bands()).isEqualTo(3);
        assertThat(h.bandNames()).containsExactly("SOC", "MRMSE", "OOD");
        int disc = 0;
        int discFlagged = 0;
        int background = 0;
        int backgroundFlagged = 0;
        try (var reader = EnviImageReader.open(out)) {
            var tile = reader.read(0, rows);
            for (int l = 0; l < rows; l++) {
                for (int s = 0; s < cols; s++) {
                    int p = l * cols + s;
                    if (SyntheticScene.isNoData(l, s, cols)) {
                        assertThat(tile.noData()[p]).isTrue();
                        continue;
                    }
                    assertThat(tile.value(p, 0)).isBetween(0f, 100f);
                    assertThat(tile.value(p, 1)).isPositive();
                    boolean flagged = tile.value(p, 2) == 1f;
                    if (SyntheticScene.inDisc(l, s, rows, cols)) {
                        disc++;
                        discFlagged += flagged ? 1 : 0;
                    } else {
                        background++;
                        backgroundFlagged += flagged ? 1 : 0;
                    }
                }
            }
        }
        assertThat((double) discFlagged / disc).isGreaterThan(0.5);
        assertThat((double) backgroundFlagged / background).isLessThan(0.1);
        for (String band : List.of("SOC", "MRMSE", "OOD")) {
            Path png = dir.resolve("pred_" + band + ".png");
            assertThat(ImageIO.read(png.toFile())).as(band).isNotNull();
        }
    }

    private static int run(PredictCommand command, String... args) {
        var cli = new CommandLine(command);
        var err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int code = cli.execute(args);
        assertThat(err.toString()).as("standard error").isEmpty();
        return code;
    }
}
