package org.specsoc.runner.training;

import java.util.List;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.model.TrainableDecoder;

/**
 * The paper's loss, eq. (1), as the authors coded it (reference spec 3):
 * {@code loss = lambda * (sum_labelled (m_SOC - y)^2 / (n_labelled sigma_SOC^2)
 * + sum_spectra,bands (R_hat - R)^2 / (n_spectra M sigma_ASD^2))}, lambda being the decoder's loss factor
 * (1 except for the linear-mixing decoder's f_SOC penalty).
 *
 * <p>A step may consist of several parts that go through the network separately (separate BatchNorm
 * statistics), as in the authors' Exp. 3, where a batch of unlabelled spectra is paired with a batch of
 * labelled ones: the SOC term averages over the labelled rows of all parts, the reconstruction term over all
 * rows of all parts. Since the loss is a sum over parts, each part is run forward and backward in turn.
 */
public final class SocLoss {
    private final JointModel model;
    private final double sigmaSoc;
    private final double sigmaAsd;
    private Buffer dLatentStore;
    private Buffer dSpectraStore;

    /** One part of a step: spectra (rows x M) and their labels (rows x 1, NaN = unlabelled). */
    public record Part(Buffer spectra, Buffer labels, int labelled) {
    }

    /** The loss of one step and its terms (before the factor). */
    public record StepLoss(double total, double soc, double reconstruction, double factor) {
    }

    public SocLoss(JointModel model, double sigmaSoc, double sigmaAsd) {
        this.model = model;
        this.sigmaSoc = sigmaSoc;
        this.sigmaAsd = sigmaAsd;
    }

    /**
     * Zeroes the gradients, then runs every part forward (BatchNorm in training mode) and backward, leaving the
     * gradient of the total loss in the model's gradient buffer.
     */
    public StepLoss forwardBackward(List<Part> parts) {
        ComputeBackend backend = model.backend();
        TrainableDecoder decoder = model.trainableDecoder();
        int labelled = 0;
        long values = 0;
        for (Part p : parts) {
            labelled += p.labelled();
            values += (long) p.spectra().rows() * p.spectra().cols();
        }
        double factor = decoder == null ? 1 : decoder.lossFactor();
        double socScale = labelled == 0 ? 0 : 1 / (sigmaSoc * sigmaSoc * labelled);
        double recScale = 1 / (sigmaAsd * sigmaAsd * values);
        model.zeroGradients();
        double soc = 0;
        double rec = 0;
        int socColumn = model.encoder().socColumn();
        for (Part p : parts) {
            int rows = p.spectra().rows();
            Buffer latent = model.encode(p.spectra(), BatchNormMode.TRAINING);
            Buffer dLatent = rows(dLatentStore = grow(dLatentStore, rows, latent.cols()), rows);
            soc += socScale * backend.squaredErrorColumn(latent, socColumn, p.labels(), (float) (factor * socScale),
                    dLatent);
            if (decoder != null) {
                Buffer reconstructed = decoder.forward(latent, BatchNormMode.TRAINING);
                Buffer dSpectra = rows(dSpectraStore = grow(dSpectraStore, rows, reconstructed.cols()), rows);
                rec += recScale * backend.squaredError(reconstructed, p.spectra(), (float) (factor * recScale),
                        dSpectra, false);
                backend.axpy(1, decoder.backward(dSpectra), dLatent);
            }
            model.encoder().backward(dLatent);
        }
        double data = soc + rec;
        if (decoder != null) {
            // d(factor * data) = factor * d(data) + data * d(factor)
            decoder.addLossFactorGradient(data);
        }
        return new StepLoss(factor * data, soc, rec, factor);
    }

    private Buffer grow(Buffer store, int rows, int cols) {
        if (store != null && store.rows() >= rows) {
            return store;
        }
        if (store != null) {
            model.backend().release(store);
        }
        return model.backend().allocate(rows, cols);
    }

    private Buffer rows(Buffer store, int rows) {
        return store.rows() == rows ? store : model.backend().view(store, 0, rows, store.cols());
    }
}
