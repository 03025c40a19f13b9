package org.specsoc.runner.predict;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.datasets.envi.EnviFormatException;
import org.specsoc.datasets.envi.EnviHeader;
import org.specsoc.datasets.envi.EnviImageReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code specsoc predict}: applies a trained model to new spectra and says, for each, how far to trust it.
 * Tabular input gives a CSV ({@link PredictionWriter}); an ENVI image gives an ENVI image with bands SOC,
 * MRMSE and OOD plus PNG quick-looks ({@link ImagePredictor}). A standalone command: the top-level CLI adds it
 * as a subcommand ({@code new CommandLine(new SpecsocCli()).addSubcommand(new PredictCommand())}).
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

    private final ModelLoader models;
    private final TableReader tables;

    /** The command as the CLI runs it. */
    public PredictCommand() {
        this(PredictCommand::loadArchive, PredictCommand::openTable);
    }

    /** The command with its model loading and table reading supplied (tests, other front ends). */
    public PredictCommand(ModelLoader models, TableReader tables) {
        this.models = models;
        this.tables = tables;
    }

    /**
     * Loads {@code MODEL.zip} for prediction.
     *
     * <p>TODO(lead, after merging feat/models): build the {@link PredictionModel} from
     * {@code org.specsoc.runner.training.ModelArchive.read(archive)}: the wavelengths from its grid, a
     * {@link SpectraPredictor} over the rebuilt encoder/decoder and the fitted preprocessing steps (BatchNorm in
     * inference mode, so that a pixel's prediction does not depend on the other pixels of its batch), and
     * {@link Calibration#fromJsonTree} of the archive's {@code calibration} extra, which training must write
     * with {@link Calibration#fit} on held-out training spectra.
     */
    static PredictionModel loadArchive(Path archive) throws IOException {
        throw new UnsupportedOperationException("cannot load " + archive + ": reading model archives for "
                + "prediction is not wired yet (PredictCommand.loadArchive)");
    }

    /**
     * Opens tabular spectra.
     *
     * <p>TODO(lead, after merging feat/datasets): pick the dataset reader for {@code format} ({@code auto}: by
     * extension), read the file and return {@link SpectraBatches#of}; a reader that can stream should return
     * batches directly so that memory stays flat for any input length.
     */
    static SpectraBatches openTable(Path file, String format) throws IOException {
        throw new UnsupportedOperationException("cannot read " + file + " as a table: the dataset readers are not "
                + "wired into predict yet (PredictCommand.openTable); ENVI images work");
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            run(spec.commandLine().getOut());
            return 0;
        } catch (IOException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
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
        PredictionModel m = models.load(model).recalibrated(level, oodQuantile);
        if (image != null) {
            predictImage(image, m, out);
        } else {
            predictTable(m, out);
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

    private void predictTable(PredictionModel m, PrintWriter out) throws IOException {
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
        try (SpectraBatches batches = tables.open(input, inputFormat);
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
