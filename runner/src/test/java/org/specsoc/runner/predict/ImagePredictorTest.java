package org.specsoc.runner.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.datasets.envi.EnviDataType;
import org.specsoc.datasets.envi.EnviFormatException;
import org.specsoc.datasets.envi.EnviHeader;
import org.specsoc.datasets.envi.EnviImageReader;
import org.specsoc.datasets.envi.EnviImageWriter;
import org.specsoc.datasets.envi.EnviInterleave;
import org.specsoc.datasets.envi.EnviTile;
import org.specsoc.datasets.envi.SpectralCoverageException;

class ImagePredictorTest {
    @TempDir
    Path dir;

    static final int LINES = 23;
    static final int SAMPLES = 9;
    /** 29 bands at 400, 475, ..., 2500 nm: every stored value below is an exact multiple of 1e-4. */
    static final double[] CENTRES = FakePredictor.grid(400, 2500, 75);
    static final double[] MODEL = FakePredictor.grid(450, 2400, 5);
    static final String MAP_INFO = "{UTM, 1.000, 1.000, 500000.0, 4100000.0, 30.0, 30.0, 33, North, WGS-84}";

    static boolean noData(int line, int sample) {
        return (line == 0 && sample == 0) || line == 10;
    }

    static boolean zero(int line, int sample) {
        return line == 2 && sample == 3;
    }

    /** The planted unfamiliar region: a steeper spectrum, which the fake model reconstructs badly. */
    static boolean planted(int line, int sample) {
        return line >= 15 && sample >= 4;
    }

    static double intercept(int line, int sample) {
        return 0.05 + 0.01 * ((line + sample) % 5);
    }

    static double slope(int line, int sample) {
        return planted(line, sample) ? 1e-4 : 2e-5;
    }

    /** An int16 BIL reflectance image scaled by 10000, as EnMAP and PRISMA products are. */
    static Path scene(Path dir, double[] centres) throws IOException {
        int bands = centres.length;
        double[] fwhm = new double[bands];
        java.util.Arrays.fill(fwhm, 12);
        EnviHeader h = EnviHeader.of(SAMPLES, LINES, bands, EnviDataType.INT16, EnviInterleave.BIL)
                .withWavelengths(centres, fwhm).withReflectanceScaleFactor(10000).withDataIgnoreValue(-9999)
                .withGeoreference(Map.of("map info", MAP_INFO));
        float[] values = new float[LINES * SAMPLES * bands];
        for (int l = 0; l < LINES; l++) {
            for (int s = 0; s < SAMPLES; s++) {
                for (int b = 0; b < bands; b++) {
                    double v = noData(l, s) ? -9999 : zero(l, s) ? 0
                            : 10000 * (intercept(l, s) + slope(l, s) * centres[b]);
                    values[((l * SAMPLES) + s) * bands + b] = (float) v;
                }
            }
        }
        Path hdr = dir.resolve("scene.hdr");
        try (var w = new EnviImageWriter(h, dir.resolve("scene.img"), hdr)) {
            w.write(0, LINES, values);
            w.commit();
        }
        return hdr;
    }

    private ImagePredictor.Result predict(FakePredictor predictor, Path out, int tileLines) throws IOException {
        var model = TestModels.model(predictor, 0.003, 0.03);
        try (var reader = EnviImageReader.open(scene(dir, CENTRES))) {
            return new ImagePredictor(model).run(reader, ImagePredictor.Outputs.of(out), tileLines);
        }
    }

    private static EnviTile readAll(Path hdr) throws IOException {
        try (var r = EnviImageReader.open(hdr)) {
            return r.read(0, r.header().lines());
        }
    }

    @Test
    void everyPixelGetsItsPredictionAndNoDataPassesThrough() throws IOException {
        var predictor = new FakePredictor(MODEL, true, false, 7);
        ImagePredictor.Result result = predict(predictor, dir.resolve("pred.hdr"), 4);
        assertThat(result.sensorBandError()).isFalse();
        assertThat(result.pixels()).isEqualTo(LINES * SAMPLES);
        assertThat(result.noData()).isEqualTo(1 + SAMPLES + 1);
        assertThat(result.predicted()).isEqualTo(LINES * SAMPLES - 11);
        long plantedValid = 0;
        EnviHeader out = EnviHeader.read(dir.resolve("pred.hdr"));
        assertThat(out.bandNames()).containsExactly("SOC", "MRMSE", "OOD");
        assertThat(out.dataIgnoreValue()).hasValue(ImagePredictor.NO_DATA);
        assertThat(out.dataType()).isEqualTo(EnviDataType.FLOAT32);
        assertThat(out.georeference()).containsEntry("map info", MAP_INFO);
        assertThat(out.hasWavelengths()).isFalse();
        assertThat(out.description()).contains("fake.zip", "level 0.9", "SOC +- 0.3 %", "MRMSE above 0.03",
                "on the model's wavelength grid");
        EnviTile t = readAll(dir.resolve("pred.hdr"));
        double meanModel = FakePredictor.mean(MODEL);
        double stdModel = FakePredictor.std(MODEL);
        for (int l = 0; l < LINES; l++) {
            for (int s = 0; s < SAMPLES; s++) {
                int p = l * SAMPLES + s;
                if (noData(l, s) || zero(l, s)) {
                    assertThat(t.values()[p * 3]).isEqualTo(ImagePredictor.NO_DATA);
                    assertThat(t.values()[p * 3 + 1]).isEqualTo(ImagePredictor.NO_DATA);
                    assertThat(t.values()[p * 3 + 2]).isEqualTo(ImagePredictor.NO_DATA);
                    assertThat(t.noData()[p]).isTrue();
                    continue;
                }
                double soc = (intercept(l, s) + slope(l, s) * meanModel) / 10;
                assertThat((double) t.value(p, 0)).as("SOC at %d,%d", l, s).isCloseTo(100 * soc, within(1e-4));
                assertThat((double) t.value(p, 1)).isCloseTo(slope(l, s) * stdModel, within(1e-5));
                assertThat(t.value(p, 2)).isEqualTo(planted(l, s) ? 1f : 0f);
                if (planted(l, s)) {
                    plantedValid++;
                }
            }
        }
        assertThat(result.flagged()).isEqualTo(plantedValid).isEqualTo(8 * 5);
        assertThat(predictor.maxRows).isLessThanOrEqualTo(7);
    }

    @Test
    void tileSizeDoesNotChangeTheResult() throws IOException {
        byte[] reference = null;
        for (int tile : new int[] {1, 4, 5, LINES}) {
            Path out = dir.resolve("t" + tile + ".hdr");
            predict(new FakePredictor(MODEL, true, false, 7), out, tile);
            byte[] bytes = Files.readAllBytes(dir.resolve("t" + tile + ".img"));
            assertThat(bytes).hasSize(LINES * SAMPLES * 3 * 4);
            if (reference == null) {
                reference = bytes;
            } else {
                assertThat(bytes).as("tile of %d lines", tile).isEqualTo(reference);
            }
        }
        assertThat(ImagePredictor.tileLines(EnviHeader.read(dir.resolve("scene.hdr")), 1 << 20)).isEqualTo(LINES);
        assertThat(ImagePredictor.tileLines(EnviHeader.read(dir.resolve("scene.hdr")), 29 * 9 * 4 * 3)).isEqualTo(3);
    }

    @Test
    void largeBatchesResampledInParallelGiveTheSameBytes() throws IOException {
        int lines = 60;
        int samples = 50;
        double[] centres = FakePredictor.grid(400, 2500, 30);
        double[] fwhm = new double[centres.length];
        java.util.Arrays.fill(fwhm, 35);
        EnviHeader h = EnviHeader.of(samples, lines, centres.length, EnviDataType.FLOAT32, EnviInterleave.BIP)
                .withWavelengths(centres, fwhm);
        var rnd = new java.util.SplittableRandom(5);
        float[] v = new float[lines * samples * centres.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.1 + 0.3 * rnd.nextDouble());
        }
        try (var w = new EnviImageWriter(h, dir.resolve("big.img"), dir.resolve("big.hdr"))) {
            w.write(0, lines, v);
            w.commit();
        }
        byte[][] results = new byte[2][];
        int[] batch = {100, 4096};   // below and above the parallel threshold
        for (int i = 0; i < 2; i++) {
            var model = TestModels.model(new FakePredictor(MODEL, true, true, batch[i]), 0.003, 0.05);
            try (var reader = EnviImageReader.open(dir.resolve("big.hdr"))) {
                new ImagePredictor(model).run(reader, ImagePredictor.Outputs.of(dir.resolve("big" + i)), 60);
            }
            results[i] = Files.readAllBytes(dir.resolve("big" + i + ".img"));
        }
        assertThat(results[1]).isEqualTo(results[0]);
    }

    @Test
    void reconstructionErrorIsMeasuredAtTheSensorsBandsWhenTheModelReconstructsReflectance() throws IOException {
        ImagePredictor.Result result = predict(new FakePredictor(MODEL, true, true, 16), dir.resolve("s.img"), 6);
        assertThat(result.sensorBandError()).isTrue();
        // bands 475 .. 2350 nm lie on the model grid; the flat reconstruction stays flat through any response
        double meanModel = FakePredictor.mean(MODEL);
        double ss = 0;
        int n = 0;
        for (double c : CENTRES) {
            if (c >= 450 && c <= 2400) {
                ss += (c - meanModel) * (c - meanModel);
                n++;
            }
        }
        assertThat(n).isEqualTo(26);
        double rms = Math.sqrt(ss / n);
        EnviTile t = readAll(dir.resolve("s.hdr"));
        int planted = 20 * SAMPLES + 6;
        int normal = 5 * SAMPLES + 1;
        assertThat((double) t.value(planted, 1)).isCloseTo(1e-4 * rms, within(1e-5));
        assertThat((double) t.value(normal, 1)).isCloseTo(2e-5 * rms, within(1e-5));
        assertThat(t.value(planted, 2)).isEqualTo(1f);
        assertThat(EnviHeader.read(dir.resolve("s.hdr")).description()).contains("at the sensor's bands");
    }

    @Test
    void quickLooksAreWrittenForEachBand() throws IOException {
        ImagePredictor.Result result = predict(new FakePredictor(MODEL, true, false, 64), dir.resolve("q"), 8);
        assertThat(result.quickLooks()).containsExactly(dir.resolve("q_SOC.png"), dir.resolve("q_MRMSE.png"),
                dir.resolve("q_OOD.png"));
        for (Path png : result.quickLooks()) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img.getWidth()).isGreaterThan(SAMPLES * 20);   // zoomed map plus a colour bar
            assertThat(img.getHeight()).isGreaterThan(LINES * 10);
        }
        assertThat(dir.resolve("q.img")).exists();
        assertThat(dir.resolve("q.hdr")).exists();
    }

    @Test
    void withoutDecoderOnlySocIsWritten() throws IOException {
        ImagePredictor.Result result = predict(new FakePredictor(MODEL, false, false, 64), dir.resolve("n.hdr"), 5);
        assertThat(EnviHeader.read(dir.resolve("n.hdr")).bandNames()).containsExactly("SOC");
        assertThat(EnviHeader.read(dir.resolve("n.hdr")).description()).contains("no MRMSE and no OOD flag");
        assertThat(result.quickLooks()).containsExactly(dir.resolve("n_SOC.png"));
        assertThat(result.flagged()).isZero();
    }

    @Test
    void aSceneThatDoesNotCoverTheModelGridIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path hdr = scene(dir, FakePredictor.grid(400, 2000, 50));
        var model = TestModels.model(new FakePredictor(MODEL, true, false, 8), 0.003, 0.03);
        try (var reader = EnviImageReader.open(hdr)) {
            assertThatThrownBy(() -> new ImagePredictor(model).run(reader,
                    ImagePredictor.Outputs.of(dir.resolve("x.hdr")), 4))
                    .isInstanceOf(SpectralCoverageException.class)
                    .hasMessageContaining("scene.hdr covers 394\u20132006 nm but the model needs 450\u20132400 nm "
                            + "(missing 2006\u20132400 nm)");
        }
        assertThat(dir.resolve("x.hdr")).doesNotExist();
        assertThat(dir.resolve("x.img")).doesNotExist();

        EnviHeader.of(2, 2, 1, EnviDataType.FLOAT32, EnviInterleave.BSQ).write(dir.resolve("bare.hdr"));
        Files.write(dir.resolve("bare.img"), new byte[16]);
        try (var reader = EnviImageReader.open(dir.resolve("bare.hdr"))) {
            assertThatThrownBy(() -> new ImagePredictor(model).run(reader,
                    ImagePredictor.Outputs.of(dir.resolve("y")), 4)).isInstanceOf(EnviFormatException.class)
                    .hasMessageContaining("bare.hdr has no 'wavelength' key");
        }
    }

    @Test
    void outputNamesFollowEnviConventions() {
        for (String given : new String[] {"out", "out.img", "out.hdr"}) {
            var o = ImagePredictor.Outputs.of(dir.resolve(given));
            assertThat(o.dataFile()).isEqualTo(dir.resolve("out.img"));
            assertThat(o.headerFile()).isEqualTo(dir.resolve("out.hdr"));
            assertThat(o.quickLook("SOC")).isEqualTo(dir.resolve("out_SOC.png"));
        }
    }
}
