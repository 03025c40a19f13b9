package org.specsoc.runner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.model.Decoder;
import org.specsoc.api.model.FittedEncoder;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.decoders.AnnDecoder;
import org.specsoc.decoders.Endmembers;
import org.specsoc.decoders.LinearMixingDecoder;
import org.specsoc.decoders.NoDecoder;
import org.specsoc.encoders.MlpEncoder;
import org.specsoc.encoders.plsr.PlsrEncoderFactory;
import org.specsoc.runner.archive.ArchiveFixtures;
import org.specsoc.runner.archive.ArchiveFormatException;
import org.specsoc.runner.archive.ModelArchive;
import org.specsoc.runner.archive.ModelArchiveReader;
import org.specsoc.runner.archive.ModelArchiveWriter;
import org.specsoc.runner.predict.Calibration;
import org.specsoc.runner.predict.HeldOutCalibration;
import org.specsoc.runner.predict.PredictionModel;
import org.specsoc.runner.predict.SpectraPredictor;
import org.specsoc.runner.training.JointModel;
import org.specsoc.runner.wiring.PluginKind;
import org.specsoc.runner.wiring.PluginRegistry;
import org.specsoc.runner.wiring.RunnerPluginContext;

class ModelCodecTest {
    private static final int BANDS = 24;
    private static final double[] GRID = IntStream.range(0, BANDS).mapToDouble(i -> 400 + 10 * i).toArray();
    private static final PluginRegistry PLUGINS = PluginRegistry.discover(ModelCodecTest.class.getClassLoader());

    private final ReferenceBackend backend = new ReferenceBackend();

    @TempDir
    Path dir;

    @Test
    void annModelPredictsIdenticallyAfterSaveAndLoadIncludingBatchNormStatistics() throws IOException {
        JointModel model = network("ann", 4);
        assertRoundTrip(model, config("ann", Map.of("decoder.hidden", "6", "decoder.blocks", "1")));
    }

    @Test
    void linearMixingModelLoadsWithoutItsLibraryFile() throws IOException {
        JointModel model = network("linear-mixing", 4);
        // The library named at training time does not exist here: the archive's endmembers must be used.
        var loaded = assertRoundTrip(model, config("linear-mixing",
                Map.of("decoder.endmembers", "no-such-library.csv", "decoder.penalty-weight", "500")));
        var restored = (LinearMixingDecoder) ((TrainedModel.Network) loaded.model()).model().decoder();
        var original = (LinearMixingDecoder) model.decoder();
        assertThat(restored.endmemberNames()).containsExactly("quartz", "kaolinite", "calcite");
        assertThat(restored.endmembers().spectra()).containsExactly(original.endmembers().spectra());
        assertThat(restored.endmembers().rhoR()).containsExactly(original.endmembers().rhoR());
        assertThat(restored.penaltyWeight()).isEqualTo(500);
        assertThat(restored.socSpectrum()).containsExactly(original.socSpectrum());
        assertThat(restored.socRhoR()).isEqualTo(original.socRhoR());
        assertThat(loaded.archive().endmemberNames()).containsExactly("quartz", "kaolinite", "calcite");
        assertThat(loaded.archive().requireTensor("decoder.f_soc").shape()).containsExactly(1, BANDS);
    }

    @Test
    void modelWithoutDecoderRoundTripsAndHasNoFlag() throws IOException {
        JointModel model = network("none", 5);
        var loaded = assertRoundTrip(model, config("none", Map.of()));
        assertThat(ModelPredictors.canFlag(loaded.model())).isFalse();
        assertThat(loaded.archive().tensors().keySet()).allMatch(n -> n.startsWith("encoder."));
    }

    @Test
    void plsrRoundTripsWithItsQResidualFlag() throws IOException {
        SpectralDataset data = dataset(120, 3);
        var factory = new PlsrEncoderFactory();
        var raw = Map.of("plsr.components", "3");
        PluginConfig config = factory.configSpec().bind("encoder.", raw);
        var context = new RunnerPluginContext(backend, new RandomStreams(5), List.of(), List.of(), dir, null);
        FittedEncoder plsr = factory.create(config, context, new ModelShape(GRID, 2));
        plsr.fit(data);
        assertThat(plsr.hasOutlierStatistics()).isTrue();
        TrainedModel model = TrainedModel.Fitted.of(plsr);
        SpectraPredictor before = ModelPredictors.of(model, StoredPreprocessing.restore(List.of(), Map.of()), true);
        Calibration calibration = HeldOutCalibration.fit(before, data, 0.9, 0.99);
        var effective = new HashMap<String, String>();
        effective.put("encoder.type", "plsr");
        effective.put("encoder.plsr.components", "3");
        effective.put("decoder.type", "none");
        Path file = dir.resolve("plsr.zip");
        ModelCodec.save(file, model, effective, ArchiveFixtures.provenance(), calibration, List.of());

        PredictionModel loaded = ModelPredictors.prediction("plsr.zip", ModelCodec.load(file, PLUGINS, backend),
                Map.of());
        assertThat(loaded.predictor().reconstructs()).isTrue();
        float[][] a = predict(before, data);
        float[][] b = predict(loaded.predictor(), data);
        assertThat(b[0]).containsExactly(a[0]);
        assertThat(b[1]).containsExactly(a[1]);
        // mrmse is sqrt(Q / bands): zero only for a spectrum inside the model plane, positive for noisy ones.
        for (float v : b[1]) {
            assertThat(v).isPositive().isFinite();
        }
    }

    @Test
    void preprocessingIsStoredAndAppliedBeforeTheNetwork() throws IOException {
        // A network on the 450..600 nm cut of a 400..630 nm data grid: predict takes the raw grid.
        var factories = PLUGINS.factories(PluginKind.PREPROCESSOR, PreprocessorFactory.class);
        var cut = factories.get("cut").create(factories.get("cut").configSpec().bind("preprocess.cut.",
                Map.of("min", "450", "max", "600")), null);
        SpectralDataset data = dataset(50, 4);
        var fitted = cut.fit(data);
        double[] networkGrid = fitted.apply(data).wavelengths();
        assertThat(networkGrid.length).isLessThan(BANDS);
        ModelShape shape = new ModelShape(networkGrid, 4);
        var jm = new JointModel(backend, new MlpEncoder(shape, 6, 1), new AnnDecoder(shape, 6, 1));
        randomise(jm, 3);
        TrainedModel model = new TrainedModel.Network(jm, GRID);
        var steps = StoredPreprocessing.describe(List.of(fitted));
        SpectraPredictor before = ModelPredictors.of(model, StoredPreprocessing.restore(steps, factories), true);
        assertThat(before.wavelengths()).containsExactly(GRID);
        Calibration calibration = HeldOutCalibration.fit(before, data, 0.9, 0.99);
        Path file = dir.resolve("cut.zip");
        ModelCodec.save(file, model, config("ann", Map.of("decoder.hidden", "6", "decoder.blocks", "1")),
                ArchiveFixtures.provenance(), calibration, steps);

        var loaded = ModelCodec.load(file, PLUGINS, backend);
        assertThat(loaded.preprocessing()).containsExactly(Map.of("name", "cut", "min", "450.0", "max", "600.0"));
        assertThat(loaded.archive().wavelengths()).containsExactly(GRID);
        PredictionModel p = ModelPredictors.prediction("cut.zip", loaded, factories);
        float[][] a = predict(before, data);
        float[][] b = predict(p.predictor(), data);
        assertThat(b[0]).containsExactly(a[0]);
        assertThat(b[1]).containsExactly(a[1]);
    }

    @Test
    void tensorsOfTheWrongShapeOrAForeignFileAreRefusedWithOneClearError() throws IOException {
        JointModel model = network("ann", 4);
        var cfg = config("ann", Map.of("decoder.hidden", "6", "decoder.blocks", "1"));
        ModelArchive good = ModelCodec.toArchive(TrainedModel.Network.of(model), cfg, ArchiveFixtures.provenance(),
                null, List.of());
        // The configuration says 7 hidden units, the tensors hold 6.
        var wrong = new HashMap<>(good.config());
        wrong.put("encoder.hidden", "7");
        Path file = dir.resolve("mismatch.zip");
        ModelArchiveWriter.write(new ModelArchive(new java.util.TreeMap<>(wrong), good.provenance(),
                good.wavelengths(), good.tensors(), good.endmemberNames(), good.extras()), file);
        assertThatThrownBy(() -> ModelCodec.load(file, PLUGINS, backend))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessageContaining("mismatch.zip").hasMessageContaining("encoder.")
                .hasMessageContaining("has shape");

        Path foreign = Files.writeString(dir.resolve("foreign.zip"), "PK but not really");
        assertThatThrownBy(() -> ModelCodec.load(foreign, PLUGINS, backend))
                .isInstanceOf(ArchiveFormatException.class).hasMessageContaining("foreign.zip");

        Path missing = dir.resolve("no-model.zip");
        ModelArchiveWriter.write(good.withoutTensors("decoder."), missing);
        assertThatThrownBy(() -> ModelCodec.load(missing, PLUGINS, backend))
                .isInstanceOf(ArchiveFormatException.class).hasMessageContaining("no tensor 'decoder.");

        // An archive saved without calibration is loadable but refused for prediction, naming the reason.
        Path uncalibrated = dir.resolve("uncalibrated.zip");
        ModelArchiveWriter.write(good, uncalibrated);
        var loaded = ModelCodec.load(uncalibrated, PLUGINS, backend);
        assertThatThrownBy(() -> ModelPredictors.prediction("uncalibrated.zip", loaded, Map.of()))
                .hasMessageContaining("uncalibrated.zip has no calibration");
    }

    private ModelCodec.Loaded assertRoundTrip(JointModel model, Map<String, String> config) throws IOException {
        SpectralDataset data = dataset(40, 2);
        TrainedModel trained = TrainedModel.Network.of(model);
        SpectraPredictor before = ModelPredictors.of(trained, StoredPreprocessing.restore(List.of(), Map.of()), false);
        Calibration calibration = HeldOutCalibration.fit(before, data, 0.9, 0.99);
        Path file = dir.resolve(model.decoder().name() + ".zip");
        ModelCodec.save(file, trained, config, ArchiveFixtures.provenance(), calibration, List.of());

        ModelArchive archive = ModelArchiveReader.read(file);
        int stored = archive.tensors().values().stream().filter(t -> !t.name().startsWith("decoder.fixed."))
                .mapToInt(t -> t.data().length).sum();
        assertThat(stored).isEqualTo(model.parameterCount() + model.stateCount());
        assertThat(archive.tensors().keySet()).contains("encoder.0.running_mean", "encoder.0.running_var")
                .allMatch(n -> n.startsWith("encoder.") || n.startsWith("decoder."));

        var loaded = ModelCodec.load(file, PLUGINS, backend);
        JointModel back = ((TrainedModel.Network) loaded.model()).model();
        assertThat(back.parameterValues()).containsExactly(model.parameterValues());
        assertThat(back.stateValues()).containsExactly(model.stateValues());
        assertThat(loaded.calibration()).isPresent();
        PredictionModel p = ModelPredictors.prediction(file.getFileName().toString(), loaded, Map.of());
        assertThat(p.predictor().reconstructs()).isEqualTo(model.trainableDecoder() != null);
        float[][] a = predict(before, data);
        float[][] b = predict(p.predictor(), data);
        assertThat(b[0]).containsExactly(a[0]);
        assertThat(b[1]).containsExactly(a[1]);
        return loaded;
    }

    private static Map<String, String> config(String decoder, Map<String, String> more) {
        var m = new HashMap<String, String>();
        m.put("encoder.type", "mlp");
        m.put("encoder.hidden", "6");
        m.put("encoder.blocks", "1");
        m.put("decoder.type", decoder);
        m.put("train.epochs", "3");
        m.putAll(more);
        return m;
    }

    private JointModel network(String decoder, int latent) {
        ModelShape shape = new ModelShape(GRID, latent);
        Decoder d = switch (decoder) {
            case "ann" -> new AnnDecoder(shape, 6, 1);
            case "none" -> new NoDecoder(shape);
            case "linear-mixing" -> new LinearMixingDecoder(shape, Endmembers.resample(library(), GRID), true, 500);
            default -> throw new IllegalArgumentException(decoder);
        };
        var jm = new JointModel(backend, new MlpEncoder(shape, 6, 1), d);
        randomise(jm, 11);
        return jm;
    }

    /** Random parameters and BatchNorm statistics (variances positive), so that no value is a default. */
    private static void randomise(JointModel jm, long seed) {
        var r = new SplittableRandom(seed);
        float[] p = new float[jm.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (0.3 * r.nextGaussian()) + 0.2f;
        }
        float[] s = new float[jm.stateCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.5 + r.nextDouble());
        }
        jm.loadParameters(p);
        jm.loadState(s);
    }

    /** Three minerals on a coarser grid than the model's, so that resampling is not the identity. */
    private static SpectralLibrary library() {
        double[] w = IntStream.range(0, 30).mapToDouble(i -> 380 + 9 * i).toArray();
        float[][] spectra = new float[3][w.length];
        for (int e = 0; e < 3; e++) {
            for (int b = 0; b < w.length; b++) {
                spectra[e][b] = (float) (0.2 + 0.1 * e + 0.05 * Math.sin(b * (e + 1) / 5.0));
            }
        }
        return new SpectralLibrary(List.of("quartz", "kaolinite", "calcite"), w, spectra,
                new double[] {1.1234567891, 2.2, 0.7}, "test library");
    }

    private static SpectralDataset dataset(int rows, long seed) {
        var r = new SplittableRandom(seed);
        float[] x = new float[rows * BANDS];
        float[] soc = new float[rows];
        String[] ids = new String[rows];
        for (int i = 0; i < rows; i++) {
            double c = 0.01 + 0.05 * r.nextDouble();
            soc[i] = (float) c;
            ids[i] = "s" + i;
            for (int b = 0; b < BANDS; b++) {
                x[i * BANDS + b] = (float) (0.5 - 3 * c * Math.exp(-b / 8.0) + 0.1 * r.nextDouble()
                        + 0.01 * r.nextGaussian());
            }
        }
        return new SpectralDataset(x, GRID, soc, ids, Map.of(), DatasetProvenance.of("test"));
    }

    private static float[][] predict(SpectraPredictor predictor, SpectralDataset data) {
        float[] soc = new float[data.rows()];
        float[] mrmse = new float[data.rows()];
        predictor.predict(data.spectra().clone(), data.rows(), soc, predictor.reconstructs() ? mrmse : null, null);
        return new float[][] {soc, mrmse};
    }
}
