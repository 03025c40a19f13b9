package org.specsoc.runner.training;

import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.runner.predict.SpectraPredictor;

/**
 * A trained {@link JointModel} as {@code specsoc predict} sees it. SOC is a mass fraction; the per-spectrum
 * MRMSE is the reconstruction RMSE in reflectance units (a fraction, not percent), computed exactly as
 * {@link Evaluation} does. No preprocessing: a model trained on preprocessed spectra must be wrapped by the
 * archive loader, which knows the stored steps.
 */
public final class JointModelPredictor implements SpectraPredictor {
    private final JointModel model;
    private final BatchNormMode mode;

    /**
     * @param mode {@link BatchNormMode#INFERENCE} (running statistics, any batch size) or
     *             {@link BatchNormMode#BATCH_STATISTICS} (each call's spectra normalised with their own statistics)
     */
    public JointModelPredictor(JointModel model, BatchNormMode mode) {
        if (mode == BatchNormMode.TRAINING) {
            throw new IllegalArgumentException("prediction never updates running statistics");
        }
        this.model = model;
        this.mode = mode;
    }

    @Override
    public double[] wavelengths() {
        return model.shape().wavelengths();
    }

    @Override
    public boolean reconstructs() {
        return model.trainableDecoder() != null;
    }

    @Override
    public boolean reconstructsReflectance() {
        return reconstructs();
    }

    @Override
    public int preferredBatchRows() {
        return 1024;
    }

    @Override
    public void predict(float[] spectra, int rows, float[] soc, float[] mrmse, float[] reconstruction) {
        ComputeBackend backend = model.backend();
        int m = model.shape().bands();
        int k = model.shape().latent();
        int socColumn = model.encoder().socColumn();
        Buffer x = backend.allocate(rows, m);
        Buffer mse = null;
        try {
            backend.upload(spectra, 0, x);
            Buffer latent = model.encode(x, mode);
            float[] fractions = backend.download(latent);
            for (int i = 0; i < rows; i++) {
                soc[i] = fractions[i * k + socColumn];
            }
            if (reconstructs()) {
                Buffer out = model.decode(latent, mode);
                mse = backend.allocate(rows, 1);
                backend.rowMeanSquaredError(out, x, mse);
                float[] e = backend.download(mse);
                if (mrmse != null) {
                    for (int i = 0; i < rows; i++) {
                        mrmse[i] = (float) Math.sqrt(e[i]);
                    }
                }
                if (reconstruction != null) {
                    backend.download(out, reconstruction, 0);
                }
            }
        } finally {
            backend.release(x);
            if (mse != null) {
                backend.release(mse);
            }
        }
    }
}
