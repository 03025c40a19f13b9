package org.specsoc.runner.predict;

import java.io.IOException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.datasets.envi.BandResampler;

/**
 * Predicts tabular spectra batch by batch: each batch is interpolated linearly from the input's grid to the
 * model's (refused, naming the missing range, when the input does not cover it), predicted, given its interval
 * and flag, and streamed to the CSV. Memory holds one batch, whatever the input's length.
 */
public final class TablePredictor {
    private static final Logger LOG = LoggerFactory.getLogger(TablePredictor.class);

    private final PredictionModel model;

    public TablePredictor(PredictionModel model) {
        this.model = model;
    }

    /** Counts of one run. */
    public record Summary(long spectra, long predicted, long unpredicted, long flagged) {
    }

    /**
     * One batch's results, for callers that evaluate as they go ({@link OodReport}); {@code mrmse} and
     * {@code ood} are {@code null} without decoder, values of unpredicted spectra are {@code NaN} / false.
     */
    public record BatchResult(String[] ids, float[] truth, double[] soc, double[] mrmse, boolean[] ood,
                              double[] lower, double[] upper) {
    }

    /** What gets each batch's results. */
    @FunctionalInterface
    public interface Listener {
        void accept(BatchResult result) throws IOException;
    }

    /**
     * @param out      the CSV, or {@code null} when only {@code listener} wants the results
     * @param listener may be {@code null}
     */
    public Summary run(SpectraBatches input, PredictionWriter out, Listener listener) throws IOException {
        SpectraPredictor predictor = model.predictor();
        double[] modelGrid = predictor.wavelengths();
        double[] sourceGrid = input.wavelengths();
        BandResampler resampler = Arrays.equals(sourceGrid, modelGrid) ? null
                : BandResampler.between(sourceGrid, new double[0], new boolean[0], modelGrid, input.source());
        if (resampler != null) {
            LOG.info("{}: interpolating {} wavelengths ({}-{} nm) to the model's {} ({}-{} nm)", input.source(),
                    sourceGrid.length, sourceGrid[0], sourceGrid[sourceGrid.length - 1], modelGrid.length,
                    modelGrid[0], modelGrid[modelGrid.length - 1]);
        }
        boolean decoder = predictor.reconstructs();
        ConformalInterval interval = model.calibration().interval();
        OodThreshold threshold = model.calibration().ood();
        int m = modelGrid.length;
        int s = sourceGrid.length;
        int batchRows = Math.max(1, predictor.preferredBatchRows());
        float[] onGrid = new float[batchRows * m];
        float[] soc = new float[batchRows];
        float[] mrmse = new float[batchRows];
        long spectra = 0;
        long predicted = 0;
        long flagged = 0;
        SpectraBatches.Batch batch;
        while ((batch = input.next(batchRows)) != null) {
            int rows = batch.rows();
            int[] valid = new int[rows];
            int n = 0;
            for (int r = 0; r < rows; r++) {
                if (finite(batch.spectra(), r * s, s)) {
                    if (resampler == null) {
                        System.arraycopy(batch.spectra(), r * s, onGrid, n * m, m);
                    } else {
                        resampler.toModelGrid(batch.spectra(), r * s, onGrid, n * m);
                    }
                    valid[n++] = r;
                }
            }
            if (n > 0) {
                predictor.predict(onGrid, n, soc, decoder ? mrmse : null, null);
            }
            var result = new BatchResult(batch.ids(), batch.soc(), filled(rows, Double.NaN),
                    decoder ? filled(rows, Double.NaN) : null, decoder ? new boolean[rows] : null,
                    filled(rows, Double.NaN), filled(rows, Double.NaN));
            for (int i = 0; i < n; i++) {
                int r = valid[i];
                double y = soc[i];
                result.soc()[r] = y;
                result.lower()[r] = interval.lower(y);
                result.upper()[r] = interval.upper(y);
                if (decoder) {
                    result.mrmse()[r] = mrmse[i];
                    result.ood()[r] = threshold.flags(mrmse[i]);
                    if (result.ood()[r]) {
                        flagged++;
                    }
                }
            }
            if (out != null) {
                for (int r = 0; r < rows; r++) {
                    out.write(batch.ids()[r], result.soc()[r], decoder ? result.mrmse()[r] : Double.NaN,
                            decoder && result.ood()[r], result.lower()[r], result.upper()[r]);
                }
            }
            if (listener != null) {
                listener.accept(result);
            }
            spectra += rows;
            predicted += n;
        }
        if (spectra > predicted) {
            LOG.warn("{}: {} of {} spectra have missing values and were not predicted", input.source(),
                    spectra - predicted, spectra);
        }
        return new Summary(spectra, predicted, spectra - predicted, flagged);
    }

    private static boolean finite(float[] v, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (!Float.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }
}
