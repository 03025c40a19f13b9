package org.specsoc.runner.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.envi.EnviHeader;
import org.specsoc.datasets.envi.EnviImageReader;
import picocli.CommandLine;

class PredictCommandTest {
    @TempDir
    Path dir;

    Path modelFile;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final List<String> tablesOpened = new ArrayList<>();

    @BeforeEach
    void modelFile() throws IOException {
        modelFile = Files.writeString(dir.resolve("model.zip"), "stand-in");
    }

    /** Residuals 0.001 .. 0.020: the half-width depends on the level. */
    private static Calibration spreadCalibration(boolean decoder) {
        double[] predicted = new double[20];
        double[] observed = new double[20];
        for (int i = 0; i < 20; i++) {
            predicted[i] = 0.02;
            observed[i] = 0.02 + 0.001 * (i + 1);
        }
        double[] mrmse = null;
        if (decoder) {
            mrmse = new double[100];
            java.util.Arrays.fill(mrmse, 0.03);
        }
        return Calibration.fit(predicted, observed, mrmse, 0.9, 0.99);
    }

    private int run(FakePredictor predictor, String... args) {
        var model = new PredictionModel("model.zip", predictor, spreadCalibration(predictor.reconstructs()));
        PredictCommand.TableReader tables = (file, format) -> {
            tablesOpened.add(file.getFileName() + ":" + format);
            int m = ImagePredictorTest.CENTRES.length;
            float[] spectra = new float[2 * m];
            for (int j = 0; j < m; j++) {
                spectra[j] = 0.2f;
                spectra[m + j] = 0.4f;
            }
            return SpectraBatches.of(new SpectralDataset(spectra, ImagePredictorTest.CENTRES,
                    new float[] {Float.NaN, Float.NaN}, new String[] {"a", "b"}, Map.of(),
                    DatasetProvenance.of(file.getFileName().toString())));
        };
        var cli = new CommandLine(new PredictCommand(archive -> model, tables));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private FakePredictor fake(boolean decoder) {
        return new FakePredictor(ImagePredictorTest.MODEL, decoder, false, 32);
    }

    @Test
    void predictsAnImageIntoAnEnviImageWithQuickLooks() throws IOException {
        Path scene = ImagePredictorTest.scene(dir, ImagePredictorTest.CENTRES);
        int code = run(fake(true), "--model", modelFile.toString(), "--input", dir.resolve("scene.img").toString(),
                "--output", dir.resolve("soc.hdr").toString(), "--tile-rows", "5", "--level", "0.8");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("predicted 196 of 207 pixels (11 no-data)",
                "40 flagged out of distribution", "level 0.8: +-1.7 %");
        assertThat(dir.resolve("soc.img")).exists();
        assertThat(dir.resolve("soc_SOC.png")).exists();
        assertThat(dir.resolve("soc_MRMSE.png")).exists();
        assertThat(dir.resolve("soc_OOD.png")).exists();
        // (20 + 1) x 0.8 = 16.8 -> the 17th smallest residual, 0.017
        assertThat(EnviHeader.read(dir.resolve("soc.hdr")).description()).contains("level 0.8: SOC +- 1.7 %");
        assertThat(tablesOpened).isEmpty();
        assertThat(scene).exists();
    }

    @Test
    void aReflectanceScaleOverridesTheHeader() throws IOException {
        ImagePredictorTest.scene(dir, ImagePredictorTest.CENTRES);
        assertThat(run(fake(true), "--model", modelFile.toString(), "--input", dir.resolve("scene.hdr").toString(),
                "--output", dir.resolve("a").toString())).isZero();
        assertThat(run(fake(true), "--model", modelFile.toString(), "--input", dir.resolve("scene.hdr").toString(),
                "--output", dir.resolve("b").toString(), "--reflectance-scale", "20000")).isZero();
        try (var a = EnviImageReader.open(dir.resolve("a.hdr")); var b = EnviImageReader.open(dir.resolve("b.hdr"))) {
            float socA = a.read(5, 1).value(1, 0);
            float socB = b.read(5, 1).value(1, 0);
            assertThat(socB).isCloseTo(socA / 2, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void predictsATableIntoACsv() throws IOException {
        Path table = Files.writeString(dir.resolve("spectra.csv"), "read by the stand-in reader");
        int code = run(fake(false), "--model", modelFile.toString(), "--input", table.toString(), "--output",
                dir.resolve("pred.csv").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(tablesOpened).containsExactly("spectra.csv:auto");
        assertThat(out.toString()).contains("predicted 2 of 2 spectra", "no reconstruction decoder: no OOD flag");
        List<String> lines = Files.readAllLines(dir.resolve("pred.csv"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("id,soc_fraction,soc_percent,soc_lower,soc_upper");
        assertThat(lines.get(1)).startsWith("a,0.02,2.0,");
    }

    @Test
    void aSpectralLibraryGoesToTheTableReaders() throws IOException {
        EnviHeader.of(29, 2, 1, org.specsoc.datasets.envi.EnviDataType.FLOAT32,
                org.specsoc.datasets.envi.EnviInterleave.BSQ).withFileType("ENVI Spectral Library", null)
                .write(dir.resolve("lib.hdr"));
        Files.write(dir.resolve("lib.sli"), new byte[29 * 2 * 4]);
        assertThat(run(fake(true), "--model", modelFile.toString(), "--input", dir.resolve("lib.sli").toString(),
                "--output", dir.resolve("lib.csv").toString())).as(err.toString()).isZero();
        assertThat(tablesOpened).containsExactly("lib.sli:auto");
        assertThat(run(fake(true), "--model", modelFile.toString(), "--input", dir.resolve("lib.sli").toString(),
                "--output", dir.resolve("libmap").toString(), "--input-format", "envi")).isEqualTo(1);
        assertThat(err.toString()).contains("lib.hdr is a spectral library, not an image");
    }

    @Test
    void problemsGiveOneLineAndExitCodeOne() throws IOException {
        ImagePredictorTest.scene(dir, ImagePredictorTest.CENTRES);
        String m = modelFile.toString();
        String scene = dir.resolve("scene.hdr").toString();

        assertThat(run(fake(true), "--model", m, "--input", scene, "--output", dir.resolve("x.csv").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("specsoc predict: --output", "an image input gives an ENVI image");

        var wide = new FakePredictor(FakePredictor.grid(350, 2500, 5), true, false, 8);
        assertThat(run(wide, "--model", m, "--input", scene, "--output", dir.resolve("y").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("scene.hdr covers 394\u20132506 nm but the model needs 350\u20132500 nm");

        assertThat(run(fake(false), "--model", m, "--input", scene, "--output", dir.resolve("z").toString(),
                "--ood-quantile", "0.95")).isEqualTo(1);
        assertThat(err.toString()).contains("has no reconstruction decoder: --ood-quantile does not apply");

        assertThat(run(fake(true), "--model", m, "--input", dir.resolve("nothing.csv").toString(), "--output",
                dir.resolve("w.csv").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("nothing.csv: no such file");

        assertThat(run(fake(true), "--model", m, "--input", scene, "--output", scene)).isEqualTo(1);
        assertThat(err.toString()).contains("would overwrite the input image");

        assertThat(run(fake(true), "--input", scene)).isEqualTo(2);   // usage: picocli's message
        assertThat(err.toString()).contains("Missing required options");
    }

    @Test
    void theDefaultCommandRefusesAFileThatIsNotAModelArchive() throws IOException {
        ImagePredictorTest.scene(dir, ImagePredictorTest.CENTRES);
        var cli = new CommandLine(new PredictCommand());
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("--model", modelFile.toString(), "--input", dir.resolve("scene.hdr").toString(),
                "--output", dir.resolve("o").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("model.zip").contains("not a specsoc model archive: not a zip file");
        assertThat(dir.resolve("o.hdr")).doesNotExist();
    }
}
