package org.specsoc.runner.predict;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;
import java.util.Map;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.datasets.csv.SpectraCsvDatasetFactory;
import org.specsoc.datasets.csv.SpectraCsvStream;
import org.specsoc.datasets.envi.EnviFormatException;
import org.specsoc.datasets.envi.EnviHeader;
import org.specsoc.datasets.envi.EnviImageReader;
import org.specsoc.runner.archive.ArchiveFormatException;
import org.specsoc.runner.archive.ModelArchive;
import org.specsoc.runner.archive.ModelArchiveReader;
import org.specsoc.runner.model.ModelCodec;
import org.specsoc.runner.model.ModelPredictors;
import org.specsoc.runner.wiring.ComputeBackendSelector;
import org.specsoc.runner.wiring.PluginKind;
import org.specsoc.runner.wiring.PluginRegistry;
import org.specsoc.runner.wiring.RunnerPluginContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code specsoc predict}: applies a trained model to new spectra and says, for each, how far to trust it.
 * Tabular input gives a CSV ({@link PredictionWriter}); an ENVI image gives an ENVI image with bands SOC,
 * MRMSE and OOD plus PNG quick-looks ({@link ImagePredictor}). A standalone command: the top-level CLI adds it
 * as a subcommand (listed in {@code SpecsocCli}'s subcommands).
 *
 * <p>Exit codes: 0 done, 1 the input, the model or an output could not be used (one line on standard error
 * says why), 2 wrong usage (picocli).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict SOC for new spectra, with a split-conformal interval and, for models with a "
                + "reconstruction decoder, the reconstruction error and an out-of-distribution flag.",
                "Tabular input (any format the dataset readers read) gives a CSV: id, soc_fraction, soc_percent, "
                        + "mrmse, ood, soc_lower, soc_upper.",
                "An ENVI image (.hdr with BSQ, BIL or BIP data) gives an ENVI image with bands SOC (%), MRMSE and "
                        + "OOD, and a PNG quick-look of each."})
public final class PredictCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PredictCommand.class);

    /** Loads a model archive for prediction. */
    @FunctionalInterface
    public interface ModelLoader {
        PredictionModel load(Path archive) throws IOException;
    }

    /** Opens tabular spectra in one of the dataset readers' formats ({@code auto}: by file name / content). */
    @FunctionalInterface
    public interface TableReader {
        SpectraBatches open(Path file, String format) throws IOException;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.zip", description = "Trained model archive.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Spectra: a table the dataset readers read, or an ENVI image (its .hdr or data file).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "CSV for tabular input; for an image x.hdr (or x.img, x): writes x.img, x.hdr and "
                    + "x_SOC.png, x_MRMSE.png, x_OOD.png.")
    Path output;

    @Option(names = "--level", paramLabel = "P",
            description = "Level of the SOC interval, e.g. 0.9 (default: the level the model was calibrated at).")
    Double level;

    @Option(names = "--ood-quantile", paramLabel = "Q",
            description = "Quantile of the held-out reconstruction errors used as OOD threshold "
                    + "(default: the model's, usually 0.99).")
    Double oodQuantile;

    @Option(names = "--input-format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "auto (an ENVI image when a .hdr that is not a spectral library belongs to the input, "
                    + "else a table), envi, or a dataset reader's format name. Default: ${DEFAULT-VALUE}.")
    String inputFormat;

    @Option(names = "--tile-rows", paramLabel = "N",
            description = "Image lines read and written at a time (default: about 64 MiB of input per block).")
    Integer tileRows;

    @Option(names = "--reflectance-scale", paramLabel = "F",
            description = "Image only: divide stored values by F to get reflectance, overriding the header's "
                    + "'reflectance scale factor' (e.g. 10000 for int16 products whose header lacks it).")
    Double reflectanceScale;

    static final String SPECTRA_CSV = "spectra-csv";

    private final ModelLoader models;
    private final TableReader tables;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME",
            description = "Compute backend for the network: auto (the preferred available one) or a backend name "
                    + "(see 'specsoc plugins'). Default: ${DEFAULT-VALUE}.")
    String backend;

    /** The command as the CLI runs it: plugins found on the class path, the backend of {@code --backend}. */
    public PredictCommand() {
        this.models = null;
        this.tables = null;
    }

    /** The command with its model loading and table reading supplied (tests, other front ends). */
    public PredictCommand(ModelLoader models, TableReader tables) {
        this.models = models;
        this.tables = tables;
    }

    /**
     * Loads {@code MODEL.zip} for prediction on {@code backend}: the model rebuilt by {@link ModelCodec} through
     * the installed plugins, wrapped by its stored preprocessing, with the calibration stored at training time
     * (see {@link ModelPredictors#prediction}).
     */
    public static PredictionModel loadArchive(Path archive, PluginRegistry plugins, ComputeBackend backend)
            throws IOException {
        return loadArchive(archive, ModelArchiveReader.read(archive), plugins, backend);
    }

    /** {@link #loadArchive(Path, PluginRegistry, ComputeBackend)} of an archive already read from {@code file}. */
    static PredictionModel loadArchive(Path file, ModelArchive archive, PluginRegistry plugins,
                                       ComputeBackend backend) throws IOException {
        try {
            ModelCodec.Loaded loaded = ModelCodec.fromArchive(archive, plugins, backend);
            return ModelPredictors.prediction(file.toString(), loaded,
                    plugins.factories(PluginKind.PREPROCESSOR, PreprocessorFactory.class));
        } catch (IllegalArgumentException | IllegalStateException | ConfigurationException e) {
            throw new ArchiveFormatException(file, null, "cannot rebuild the model: " + e.getMessage(), e);
        }
    }

    /**
     * Opens tabular spectra with a dataset reader: {@code auto} reads {@code .csv} with {@code spectra-csv};
     * any other format is a dataset plugin's name, given the key {@code file}.
     *
     * <p>Memory: the installed readers load a whole file (they verify it and compute its digest in one pass), so
     * a table must fit in memory as float32 (rows x bands x 4 bytes: 1 GiB holds about 125,000 spectra of 2,151
     * bands); prediction itself then runs batch by batch. Images are read tile by tile and have no such limit.
     */
    public static SpectraBatches openTable(Path file, String format, PluginRegistry plugins) throws IOException {
        String name = format.toLowerCase(Locale.ROOT);
        if (name.equals("auto")) {
            String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!fileName.endsWith(".csv")) {
                throw new IllegalArgumentException("--input " + file + ": cannot tell its format from the name; "
                        + "give --input-format (envi, or one of "
                        + String.join(", ", plugins.factories(PluginKind.DATASET).keySet()) + ")");
            }
            name = SPECTRA_CSV;
        }
        DatasetFactory factory = plugins.factories(PluginKind.DATASET, DatasetFactory.class).get(name);
        if (factory == null) {
            throw new IllegalArgumentException("--input-format " + format + ": unknown format; known: auto, envi, "
                    + String.join(", ", plugins.factories(PluginKind.DATASET).keySet()));
        }
        var context = new RunnerPluginContext(null, new RandomStreams(0).child("predict"), List.of(),
                plugins.libraryReaders(), file.toAbsolutePath().getParent(), null);
        SpectralDataSource source;
        PluginConfig config;
        try {
            config = factory.configSpec().bind(PluginKind.DATASET.prefix(),
                    Map.of("file", file.toAbsolutePath().toString()));
            if (name.equals(SPECTRA_CSV)) {
                // Streamed a batch at a time, so memory stays flat however many spectra the file holds.
                return SpectraBatches.readingAhead(SpectraBatches.of(SpectraCsvStream.open(file.toAbsolutePath(),
                        SpectraCsvDatasetFactory.layout(config))));
            }
            source = factory.create(config, context);
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException("--input-format " + name + " cannot read a single file: "
                    + e.getMessage(), e);
        }
        return SpectraBatches.of(source.load());
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            run(spec.commandLine().getOut());
            return 0;
        } catch (IOException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException
                 | ConfigurationException e) {
            LOG.debug("predict failed", e);
            err.println("specsoc predict: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private void run(PrintWriter out) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new IOException(input + ": no such file");
        }
        if (!Files.isRegularFile(model)) {
            throw new IOException(model + ": no such model archive");
        }
        Path image = imageHeader();
        if (models != null) {
            predict(models.load(model), tables, image, out);
            return;
        }
        // Read (and verify) the archive first: a foreign file is refused before any backend starts.
        ModelArchive archive = ModelArchiveReader.read(model);
        PluginRegistry plugins = PluginRegistry.discover(PredictCommand.class.getClassLoader());
        var factories = plugins.factories(PluginKind.COMPUTE_BACKEND, ComputeBackendFactory.class);
        ComputeBackendFactory factory;
        try {
            factory = new ComputeBackendSelector().choose(backend, factories).factory();
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException("--backend " + backend + ": " + e.getMessage(), e);
        }
        var context = new RunnerPluginContext(null, new RandomStreams(0).child("predict"), List.of(), List.of(),
                Path.of("").toAbsolutePath(), null);
        try (ComputeBackend compute = factory.create(factory.configSpec()
                .bind(PluginKind.COMPUTE_BACKEND.prefix(), Map.of()), context)) {
            LOG.info("predicting on {}", compute.device());
            predict(loadArchive(model, archive, plugins, compute), (file, format) -> openTable(file, format, plugins), image,
                    out);
        }
    }

    private void predict(PredictionModel loaded, TableReader reader, Path image, PrintWriter out) throws IOException {
        PredictionModel m = loaded.recalibrated(level, oodQuantile);
        if (image != null) {
            predictImage(image, m, out);
        } else {
            predictTable(m, reader, out);
        }
    }

    /** The ENVI header when the input is to be read as an image, else {@code null}. */
    private Path imageHeader() throws IOException {
        String format = inputFormat.toLowerCase(Locale.ROOT);
        if (!format.equals("auto") && !format.equals("envi")) {
            return null;
        }
        Path header;
        try {
            header = EnviHeader.headerFor(input);
        } catch (EnviFormatException e) {
            if (format.equals("envi")) {
                throw e;
            }
            return null;
        }
        if (format.equals("auto") && EnviHeader.read(header).isSpectralLibrary()) {
            return null;
        }
        return header;
    }

    private void predictImage(Path header, PredictionModel m, PrintWriter out) throws IOException {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            throw new IllegalArgumentException("--output " + output + ": an image input gives an ENVI image; "
                    + "name it x.hdr (or x.img)");
        }
        EnviHeader h = EnviHeader.read(header);
        if (reflectanceScale != null) {
            if (!(reflectanceScale > 0)) {
                throw new IllegalArgumentException("--reflectance-scale must be positive, got " + reflectanceScale);
            }
            h = h.withReflectanceScaleFactor(reflectanceScale);
        }
        var outputs = ImagePredictor.Outputs.of(output);
        Path data = h.dataFile();
        if (sameFile(outputs.dataFile(), data) || sameFile(outputs.headerFile(), header)) {
            throw new IllegalArgumentException("--output " + output + " would overwrite the input image");
        }
        int lines = tileRows != null ? tileRows : ImagePredictor.tileLines(h, ImagePredictor.DEFAULT_TILE_BYTES);
        if (lines <= 0) {
            throw new IllegalArgumentException("--tile-rows must be positive, got " + lines);
        }
        ImagePredictor.Result r;
        try (var reader = new EnviImageReader(h, data)) {
            r = new ImagePredictor(m).run(reader, outputs, lines);
        }
        out.println(String.format(Locale.ROOT, "predicted %d of %d pixels (%d no-data)%s; wrote %s, %s and %d "
                + "quick-look(s)", r.predicted(), r.pixels(), r.noData(), flagSummary(m, r.flagged(), r.predicted()),
                outputs.headerFile(), outputs.dataFile(), r.quickLooks().size()));
        out.flush();
    }

    private void predictTable(PredictionModel m, TableReader reader, PrintWriter out) throws IOException {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".hdr") || name.endsWith(".img")) {
            throw new IllegalArgumentException("--output " + output + ": tabular input gives a CSV");
        }
        if (sameFile(output, input)) {
            throw new IllegalArgumentException("--output " + output + " would overwrite the input");
        }
        boolean decoder = m.predictor().reconstructs();
        if (!decoder) {
            LOG.info("{} has no reconstruction decoder: no OOD flag; the CSV has no mrmse and ood columns",
                    m.name());
        }
        TablePredictor.Summary s;
        try (SpectraBatches batches = reader.open(input, inputFormat);
             var writer = new PredictionWriter(output, decoder)) {
            s = new TablePredictor(m).run(batches, writer, null);
            writer.commit();
        }
        out.println(String.format(Locale.ROOT, "predicted %d of %d spectra%s; wrote %s", s.predicted(), s.spectra(),
                flagSummary(m, s.flagged(), s.predicted()), output));
        out.flush();
    }

    private static String flagSummary(PredictionModel m, long flagged, long predicted) {
        ConformalInterval ci = m.calibration().interval();
        String interval = String.format(Locale.ROOT, "; SOC interval at level %s: +-%s %%",
                ImagePredictor.significant(ci.level()), ImagePredictor.significant(ci.halfWidth() * 100));
        if (!m.predictor().reconstructs()) {
            return interval + "; no reconstruction decoder: no OOD flag";
        }
        return String.format(Locale.ROOT, "; %d flagged out of distribution (%.1f %%)", flagged,
                predicted == 0 ? 0.0 : 100.0 * flagged / predicted) + interval;
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    }
}
