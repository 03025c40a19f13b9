package org.specsoc.runner.training;

import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;

/**
 * Predicts and scores a resident set of spectra. With {@link BatchNormMode#INFERENCE} (the default) the
 * running statistics are used and the set goes through in chunks, so a single spectrum can be predicted; with
 * {@link BatchNormMode#BATCH_STATISTICS} the whole set is one batch normalised with its own statistics, which
 * is what the authors reported (reference spec 2.6).
 */
public final class Evaluation {
    private static final int CHUNK = 1024;

    private final JointModel model;
    private final BatchNormMode mode;

    /** SOC predictions and, when the decoder reconstructs, each row's mean squared reconstruction error. */
    public record Predictions(float[] soc, double[] rowMse) {
    }

    public Evaluation(JointModel model, BatchNormMode mode) {
        if (mode == BatchNormMode.TRAINING) {
            throw new IllegalArgumentException("evaluation never updates running statistics: use INFERENCE or"
                    + " BATCH_STATISTICS");
        }
        this.model = model;
        this.mode = mode;
    }

    public BatchNormMode mode() {
        return mode;
    }

    /** Predictions for the first {@code rows} rows of {@code spectra} (resident, rows x M). */
    public Predictions predict(Buffer spectra) {
        ComputeBackend backend = model.backend();
        int rows = spectra.rows();
        int m = spectra.cols();
        int chunk = mode == BatchNormMode.BATCH_STATISTICS ? rows : CHUNK;
        int k = model.shape().latent();
        int socColumn = model.encoder().socColumn();
        float[] soc = new float[rows];
        double[] rowMse = model.trainableDecoder() == null ? null : new double[rows];
        Buffer mseStore = rowMse == null ? null : backend.allocate(Math.min(chunk, rows), 1);
        try {
            for (int start = 0; start < rows; start += chunk) {
                int n = Math.min(chunk, rows - start);
                Buffer x = n == rows ? spectra : backend.view(spectra, start * m, n, m);
                Buffer latent = model.encode(x, mode);
                float[] values = backend.download(latent);
                for (int i = 0; i < n; i++) {
                    soc[start + i] = values[i * k + socColumn];
                }
                if (rowMse != null) {
                    Buffer reconstructed = model.decode(latent, mode);
                    Buffer mse = n == mseStore.rows() ? mseStore : backend.view(mseStore, 0, n, 1);
                    backend.rowMeanSquaredError(reconstructed, x, mse);
                    float[] e = backend.download(mse);
                    for (int i = 0; i < n; i++) {
                        rowMse[start + i] = e[i];
                    }
                }
            }
        } finally {
            if (mseStore != null) {
                backend.release(mseStore);
            }
        }
        return new Predictions(soc, rowMse);
    }

    public Metrics evaluate(Buffer spectra, float[] labels) {
        Predictions p = predict(spectra);
        return Metrics.of(p.soc(), labels, p.rowMse());
    }
}
