package org.specsoc.decoders;

import java.util.Arrays;
import java.util.List;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.compute.GemmLayout;
import org.specsoc.api.model.MixingDecoder;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.model.TensorSpec;

/**
 * The physics-informed decoder of the paper's appendix B (reference spec 2.4). Mass fractions m (B x K) become
 * area fractions alpha_k = (m_k / (rho r)_k) / sum_l (m_l / (rho r)_l), and the spectrum is the linear mixture
 * R = alpha . F of K - 1 fixed mineral spectra and a learned SOC spectrum f_SOC (the last row of F).
 *
 * <p>Trainable: f_SOC (M values, initially 0.5) and the scalar (rho r)_SOC (initially the minerals' mean). As
 * the authors did, f_SOC is not clamped: the whole loss is multiplied by
 * {@code 1 + w * sum_j excess_j^2}, excess being the distance of f_SOC,j outside [0, 1] (w = 1000).
 *
 * <p>The normalisation to alpha (B x K, K = 93) runs on the host: it is tiny next to the B x K x M mixing
 * GEMM, and ComputeBackend has no row-division primitive.
 */
public final class LinearMixingDecoder implements MixingDecoder {
    private final ModelShape shape;
    private final Endmembers endmembers;
    private final boolean rhoREnabled;
    private final double penaltyWeight;
    private final int bands;
    private final int latent;
    private ComputeBackend backend;
    private Buffer fSoc;
    private Buffer rhoSoc;
    private Buffer dFSoc;
    private Buffer dRhoSoc;
    private Buffer mixing;
    private Buffer mixingSocRow;
    private Buffer dMixing;
    private Buffer alphaStore;
    private Buffer outStore;
    private Buffer dAlphaStore;
    private Buffer dInStore;
    private float[] lastM;
    private double[] lastSum;
    private float[] lastAlpha;
    private double lastRho;
    private int lastRows;

    /**
     * @param endmembers    the fixed minerals, already on the model grid; their count must be latent - 1
     * @param rhoREnabled   false for the appendix-B ablation: every rho*r is 1 and (rho r)_SOC is frozen at 1
     * @param penaltyWeight the w of the loss factor keeping f_SOC in [0, 1]
     */
    public LinearMixingDecoder(ModelShape shape, Endmembers endmembers, boolean rhoREnabled, double penaltyWeight) {
        if (endmembers.count() != shape.latent() - 1) {
            throw new IllegalArgumentException("the linear-mixing decoder needs latent = endmembers + 1 = "
                    + (endmembers.count() + 1) + ", got " + shape.latent());
        }
        if (endmembers.spectra().length != endmembers.count() * shape.bands()) {
            throw new IllegalArgumentException("endmember spectra are not on the model grid of " + shape.bands()
                    + " bands");
        }
        if (rhoREnabled) {
            for (int k = 0; k < endmembers.count(); k++) {
                double v = endmembers.rhoR()[k];
                if (!(v > 0) || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("endmember '" + endmembers.names().get(k) + "' of "
                            + endmembers.source() + " has rho*r " + v + "; it must be a positive number"
                            + " (or set decoder.rho-r.enabled=false)");
                }
            }
        }
        this.shape = shape;
        this.endmembers = endmembers;
        this.rhoREnabled = rhoREnabled;
        this.penaltyWeight = penaltyWeight;
        this.bands = shape.bands();
        this.latent = shape.latent();
    }

    @Override
    public String name() {
        return LinearMixingDecoderFactory.NAME;
    }

    @Override
    public ModelShape shape() {
        return shape;
    }

    @Override
    public List<String> endmemberNames() {
        return endmembers.names();
    }

    /** The fixed minerals on the model grid (what a model archive stores to rebuild this decoder). */
    public Endmembers endmembers() {
        return endmembers;
    }

    public double penaltyWeight() {
        return penaltyWeight;
    }

    public boolean rhoREnabled() {
        return rhoREnabled;
    }

    @Override
    public List<TensorSpec> tensors() {
        return List.of(new TensorSpec("f_soc", 1, bands, true), new TensorSpec("rho_r_soc", 1, 1, true));
    }

    @Override
    public void bind(ComputeBackend backend, Buffer parameters, Buffer gradients, Buffer state) {
        this.backend = backend;
        fSoc = backend.view(parameters, 0, 1, bands);
        rhoSoc = backend.view(parameters, bands, 1, 1);
        dFSoc = backend.view(gradients, 0, 1, bands);
        dRhoSoc = backend.view(gradients, bands, 1, 1);
        mixing = backend.allocate(latent, bands);
        backend.upload(endmembers.spectra(), 0, backend.view(mixing, 0, latent - 1, bands));
        mixingSocRow = backend.view(mixing, (latent - 1) * bands, 1, bands);
        dMixing = backend.allocate(latent, bands);
    }

    /** Mean of the minerals' rho*r: the authors' initial (rho r)_SOC (1.6336052 for their 92 minerals). */
    public double initialSocRhoR() {
        return rhoREnabled ? Arrays.stream(endmembers.rhoR()).average().orElseThrow() : 1;
    }

    @Override
    public void initialise(long seed) {
        backend.fill(fSoc, 0.5f);
        backend.fill(rhoSoc, (float) initialSocRhoR());
    }

    private double rho(int k, double rhoSocValue) {
        if (!rhoREnabled) {
            return 1;
        }
        return k == latent - 1 ? rhoSocValue : endmembers.rhoR()[k];
    }

    @Override
    public Buffer forward(Buffer m, BatchNormMode mode) {
        if (m.cols() != latent) {
            throw new IllegalArgumentException("linear-mixing decoder expects " + latent + " fractions, got "
                    + m.cols());
        }
        int rows = m.rows();
        lastRows = rows;
        lastM = backend.download(m);
        lastRho = backend.download(rhoSoc)[0];
        lastAlpha = new float[rows * latent];
        lastSum = new double[rows];
        for (int b = 0; b < rows; b++) {
            double s = 0;
            for (int k = 0; k < latent; k++) {
                s += lastM[b * latent + k] / rho(k, lastRho);
            }
            lastSum[b] = s;
            for (int k = 0; k < latent; k++) {
                lastAlpha[b * latent + k] = (float) (lastM[b * latent + k] / rho(k, lastRho) / s);
            }
        }
        alphaStore = grow(alphaStore, rows, latent);
        Buffer alpha = rowsOf(alphaStore, rows);
        backend.upload(lastAlpha, alpha);
        backend.copy(fSoc, mixingSocRow);
        outStore = grow(outStore, rows, bands);
        Buffer out = rowsOf(outStore, rows);
        backend.gemm(GemmLayout.NN, alpha, mixing, out, null, Activation.IDENTITY, false);
        return out;
    }

    @Override
    public Buffer backward(Buffer dOut) {
        int rows = lastRows;
        Buffer alpha = rowsOf(alphaStore, rows);
        // dF = alpha^T . dR; only the SOC row is trainable.
        backend.gemm(GemmLayout.TN, alpha, dOut, dMixing, null, Activation.IDENTITY, false);
        backend.axpy(1, backend.view(dMixing, (latent - 1) * bands, 1, bands), dFSoc);
        dAlphaStore = grow(dAlphaStore, rows, latent);
        Buffer dAlpha = rowsOf(dAlphaStore, rows);
        backend.gemm(GemmLayout.NT, dOut, mixing, dAlpha, null, Activation.IDENTITY, false);
        float[] da = backend.download(dAlpha);
        float[] dm = new float[rows * latent];
        double dRho = 0;
        for (int b = 0; b < rows; b++) {
            int o = b * latent;
            double dot = 0;
            for (int k = 0; k < latent; k++) {
                dot += da[o + k] * (double) lastAlpha[o + k];
            }
            for (int k = 0; k < latent; k++) {
                double dq = (da[o + k] - dot) / lastSum[b];
                dm[o + k] = (float) (dq / rho(k, lastRho));
                if (k == latent - 1 && rhoREnabled) {
                    dRho -= dq * lastM[o + k] / (lastRho * lastRho);
                }
            }
        }
        if (rhoREnabled) {
            float g = backend.download(dRhoSoc)[0];
            backend.upload(new float[] {(float) (g + dRho)}, dRhoSoc);
        }
        dInStore = grow(dInStore, rows, latent);
        Buffer dIn = rowsOf(dInStore, rows);
        backend.upload(dm, dIn);
        return dIn;
    }

    @Override
    public double lossFactor() {
        float[] f = backend.download(fSoc);
        double sum = 0;
        for (float v : f) {
            double e = excess(v);
            sum += e * e;
        }
        return 1 + penaltyWeight * sum;
    }

    @Override
    public void addLossFactorGradient(double scale) {
        float[] f = backend.download(fSoc);
        float[] g = backend.download(dFSoc);
        boolean any = false;
        for (int j = 0; j < f.length; j++) {
            double e = excess(f[j]);
            if (e != 0) {
                g[j] += (float) (scale * penaltyWeight * 2 * e);
                any = true;
            }
        }
        if (any) {
            backend.upload(g, dFSoc);
        }
    }

    /** Signed distance outside [0, 1]: f for f &lt; 0, f - 1 for f &gt; 1, else 0. */
    private static double excess(double f) {
        return f < 0 ? f : f > 1 ? f - 1 : 0;
    }

    @Override
    public float[] socSpectrum() {
        return backend.download(fSoc);
    }

    @Override
    public double socRhoR() {
        return backend.download(rhoSoc)[0];
    }

    private Buffer grow(Buffer store, int rows, int cols) {
        if (store != null && store.rows() >= rows) {
            return store;
        }
        if (store != null) {
            backend.release(store);
        }
        return backend.allocate(rows, cols);
    }

    private Buffer rowsOf(Buffer store, int rows) {
        return store.rows() == rows ? store : backend.view(store, 0, rows, store.cols());
    }
}
