package org.specsoc.runner.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.datasets.envi.BandResampler;
import org.specsoc.datasets.envi.EnviDataType;
import org.specsoc.datasets.envi.EnviFormatException;
import org.specsoc.datasets.envi.EnviHeader;
import org.specsoc.datasets.envi.EnviImageReader;
import org.specsoc.datasets.envi.EnviImageWriter;
import org.specsoc.datasets.envi.EnviInterleave;
import org.specsoc.datasets.envi.EnviTile;

/**
 * Applies a model to every pixel of an ENVI reflectance image, a block of lines at a time: read the block, bring
 * each valid pixel's spectrum to the model grid (linear interpolation, {@link BandResampler}), predict in batches,
 * and write SOC, MRMSE and the OOD flag for the block before reading the next. Memory holds one block of input,
 * one block of output, one batch on the model grid and the quick-look rasters, whatever the scene's size.
 *
 * <p>Output: a float32 BSQ image, bands {@code SOC} (% by mass), {@code MRMSE} (reflectance units) and
 * {@code OOD} (1 flagged, 0 not), with the input's georeference, data ignore value {@value #NO_DATA} for
 * no-data pixels (which pass through unpredicted), and the interval half-width in the header's description (a
 * split-conformal interval is the same width for every pixel, so it needs no band). A model without a
 * decoder gives the SOC band only. A PNG quick-look per band is written next to the image.
 *
 * <p>Reconstruction error: when the model returns its reconstruction as reflectance
 * ({@link SpectraPredictor#reconstructsReflectance()}), MRMSE is measured at the sensor's own good bands that
 * lie on the model grid, between the measured values and the reconstruction seen through each band's response
 * (Gaussian from the header's FWHM, linear without). The interpolated pixel spectrum is not compared, because
 * interpolation invents the values between band centres that the reconstruction would then be judged against.
 * Otherwise the model's own MRMSE on the model grid is used.
 */
public final class ImagePredictor {
    private static final Logger LOG = LoggerFactory.getLogger(ImagePredictor.class);

    /** The data ignore value of predicted images. */
    public static final float NO_DATA = -9999f;
    /** Longest side of a quick-look raster before zooming. */
    public static final int QUICK_LOOK_SIZE = 600;
    /** Input bytes per block of lines when the caller does not choose. */
    public static final long DEFAULT_TILE_BYTES = 64L << 20;

    /** Batches at least this large are resampled in parallel. */
    private static final int PARALLEL_PIXELS = 256;

    private final PredictionModel model;

    public ImagePredictor(PredictionModel model) {
        this.model = model;
    }

    /** Where the outputs of one image go: {@code x.img}, {@code x.hdr} and {@code x_SOC.png}, ... */
    public record Outputs(Path dataFile, Path headerFile, Path base) {
        /** From {@code --output}: {@code x}, {@code x.img} or {@code x.hdr}. */
        public static Outputs of(Path output) {
            String name = output.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            String stem = lower.endsWith(".hdr") || lower.endsWith(".img") ? name.substring(0, name.length() - 4)
                    : name;
            return new Outputs(output.resolveSibling(stem + ".img"), output.resolveSibling(stem + ".hdr"),
                    output.resolveSibling(stem));
        }

        public Path quickLook(String band) {
            return base.resolveSibling(base.getFileName() + "_" + band + ".png");
        }
    }

    /**
     * Counts and files of one run.
     *
     * @param sensorBandError whether MRMSE was measured at the sensor's bands (else on the model grid)
     */
    public record Result(long pixels, long predicted, long noData, long flagged, boolean sensorBandError,
                         Outputs outputs, List<Path> quickLooks) {
    }

    /** Lines per block so that a block of input holds about {@code bytes} bytes as float32. */
    public static int tileLines(EnviHeader header, long bytes) {
        long perLine = (long) header.samples() * header.bands() * Float.BYTES;
        return (int) Math.max(1, Math.min(header.lines(), bytes / perLine));
    }

    /**
     * @param reader    the image (its header possibly adjusted, e.g. an overridden reflectance scale factor)
     * @param outputs   where to write
     * @param tileLines lines per block
     */
    public Result run(EnviImageReader reader, Outputs outputs, int tileLines) throws IOException {
        EnviHeader in = reader.header();
        SpectraPredictor predictor = model.predictor();
        if (in.isSpectralLibrary()) {
            throw new EnviFormatException(in.name() + " is a spectral library, not an image: predict it as a table");
        }
        if (!in.hasWavelengths()) {
            throw new EnviFormatException(in.name() + " has no 'wavelength' key: the model needs each band's "
                    + "centre wavelength");
        }
        BandResampler resampler = BandResampler.between(in.wavelengths(), in.fwhm(), in.goodBands(),
                predictor.wavelengths(), in.name());
        boolean decoder = predictor.reconstructs();
        int[] comparable = resampler.comparableBands();
        boolean sensorBands = decoder && predictor.reconstructsReflectance() && comparable.length > 0;
        LOG.info("{}: {} x {} pixels, {} bands; model grid {}-{} nm; {}", in.name(), in.samples(), in.lines(),
                in.bands(), predictor.wavelengths()[0], predictor.wavelengths()[predictor.wavelengths().length - 1],
                !decoder ? "no reconstruction decoder: no MRMSE and no OOD flag"
                        : sensorBands ? "MRMSE at " + comparable.length + " sensor bands ("
                        + (resampler.usesGaussianResponse() ? "Gaussian response from FWHM" : "linear") + ")"
                        : "MRMSE on the model grid");

        List<String> bandNames = decoder ? List.of("SOC", "MRMSE", "OOD") : List.of("SOC");
        int nOut = bandNames.size();
        EnviHeader outHeader = EnviHeader.of(in.samples(), in.lines(), nOut, EnviDataType.FLOAT32, EnviInterleave.BSQ)
                .withBandNames(bandNames).withDataIgnoreValue(NO_DATA).withGeoreference(in.georeference())
                .withDescription(description(in, sensorBands));
        var looks = new ArrayList<QuickLook>();
        looks.add(new QuickLook("SOC (% by mass)", QuickLook.Style.CONTINUOUS, in.lines(), in.samples(),
                QUICK_LOOK_SIZE));
        if (decoder) {
            looks.add(new QuickLook("Reconstruction MRMSE (reflectance)", QuickLook.Style.CONTINUOUS, in.lines(),
                    in.samples(), QUICK_LOOK_SIZE));
            looks.add(new QuickLook("Out of distribution (OOD flag)", QuickLook.Style.FLAG, in.lines(),
                    in.samples(), QUICK_LOOK_SIZE));
        }

        int m = predictor.wavelengths().length;
        int batchRows = Math.max(1, predictor.preferredBatchRows());
        float[] onGrid = new float[batchRows * m];
        float[] reconstruction = sensorBands ? new float[batchRows * m] : null;
        ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[comparable.length]);
        float[] soc = new float[batchRows];
        float[] mrmse = new float[batchRows];
        int[] batchPixels = new int[batchRows];
        OodThreshold threshold = model.calibration().ood();
        long predicted = 0;
        long flagged = 0;
        long noData = 0;
        int samples = in.samples();
        int bands = in.bands();
        int nextReport = in.lines() / 10;
        try (var writer = new EnviImageWriter(outHeader, outputs.dataFile(), outputs.headerFile())) {
            for (int first = 0; first < in.lines(); first += tileLines) {
                int n = Math.min(tileLines, in.lines() - first);
                EnviTile tile = reader.read(first, n);
                float[] out = new float[n * samples * nOut];
                Arrays.fill(out, NO_DATA);
                int pixels = tile.pixels();
                int p = 0;
                while (p < pixels) {
                    int k = 0;
                    for (; p < pixels && k < batchRows; p++) {
                        if (!tile.noData()[p]) {
                            batchPixels[k++] = p;
                        }
                    }
                    if (k == 0) {
                        continue;
                    }
                    float[] values = tile.values();
                    forEachPixel(k, i -> resampler.toModelGrid(values, batchPixels[i] * bands, onGrid, i * m));
                    predictor.predict(onGrid, k, soc, decoder ? mrmse : null, reconstruction);
                    if (sensorBands) {
                        forEachPixel(k, i -> mrmse[i] = (float) sensorBandError(resampler, reconstruction, i * m,
                                values, batchPixels[i] * bands, comparable, scratch.get()));
                    }
                    for (int i = 0; i < k; i++) {
                        int px = batchPixels[i];
                        if (Float.isNaN(soc[i])) {
                            continue;
                        }
                        out[px * nOut] = soc[i] * 100;
                        predicted++;
                        if (decoder) {
                            boolean flag = threshold.flags(mrmse[i]);
                            out[px * nOut + 1] = mrmse[i];
                            out[px * nOut + 2] = flag ? 1 : 0;
                            if (flag) {
                                flagged++;
                            }
                        }
                    }
                }
                noData += pixels - tile.validPixels();
                writer.write(first, n, out);
                for (int b = 0; b < looks.size(); b++) {
                    looks.get(b).accept(first, n, samples, nOut, out, b, NO_DATA);
                }
                if (first + n >= nextReport && first + n < in.lines()) {
                    LOG.info("{}: {} of {} lines", in.name(), first + n, in.lines());
                    nextReport += Math.max(1, in.lines() / 10);
                }
            }
            writer.commit();
        }
        long pixels = (long) in.lines() * samples;
        var pngs = new ArrayList<Path>();
        for (int b = 0; b < looks.size(); b++) {
            Path png = outputs.quickLook(bandNames.get(b));
            boolean isError = decoder && b == 1;
            looks.get(b).render(png, isError ? threshold.threshold() : Double.NaN, "OOD threshold",
                    predicted == 0 ? Double.NaN : (double) flagged / predicted);
            pngs.add(png);
        }
        LOG.info("{}: predicted {} of {} pixels ({} no-data){}; wrote {}", in.name(), predicted, pixels, noData,
                decoder ? String.format(Locale.ROOT, ", %d flagged out of distribution (%.1f %%)", flagged,
                        predicted == 0 ? 0 : 100.0 * flagged / predicted) : "", outputs.headerFile());
        return new Result(pixels, predicted, noData, flagged, sensorBands, outputs, List.copyOf(pngs));
    }

    /**
     * Runs the per-pixel resampling of a batch on all cores when the batch is large: each pixel is independent
     * and written to its own slots, so the result does not depend on the split.
     */
    private static void forEachPixel(int count, java.util.function.IntConsumer work) {
        var range = java.util.stream.IntStream.range(0, count);
        (count >= PARALLEL_PIXELS ? range.parallel() : range).forEach(work);
    }

    /** RMSE between a pixel's measured comparable bands and its reconstruction seen through those bands. */
    static double sensorBandError(BandResampler resampler, float[] reconstruction, int reconOffset, float[] pixels,
                                  int pixelOffset, int[] comparable, float[] atBands) {
        resampler.toSensorBands(reconstruction, reconOffset, atBands, 0);
        double sum = 0;
        for (int j = 0; j < comparable.length; j++) {
            double d = pixels[pixelOffset + comparable[j]] - atBands[j];
            sum += d * d;
        }
        return Math.sqrt(sum / comparable.length);
    }

    /** Six significant digits without trailing zeros. */
    static String significant(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private String description(EnviHeader in, boolean sensorBands) {
        Calibration c = model.calibration();
        ConformalInterval ci = c.interval();
        var sb = new StringBuilder();
        sb.append("specsoc predict: model ").append(model.name()).append(" applied to ")
                .append(in.file() == null ? "an ENVI image" : in.file().getFileName()).append(".\n");
        sb.append("Band SOC: soil organic carbon, % by mass. Split-conformal interval at level ")
                .append(significant(ci.level())).append(": SOC +- ").append(significant(ci.halfWidth() * 100))
                .append(" % (clipped to 0-100 %), from ").append(ci.calibrationSize())
                .append(" held-out labelled spectra.");
        if (c.hasOodFlag()) {
            OodThreshold t = c.ood();
            sb.append("\nBand MRMSE: root mean square reconstruction error, reflectance units, ")
                    .append(sensorBands ? "at the sensor's bands." : "on the model's wavelength grid.");
            sb.append("\nBand OOD: 1 = MRMSE above ").append(significant(t.threshold())).append(", the ")
                    .append(significant(t.quantile())).append(" quantile of ").append(t.calibrationSize())
                    .append(" held-out training spectra (out of distribution: do not trust SOC); 0 = not flagged.");
        } else {
            sb.append("\nNo reconstruction decoder: no MRMSE and no OOD flag.");
        }
        return sb.toString();
    }
}
