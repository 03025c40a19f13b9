package org.specsoc.encoders.plsr;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.compute.GemmLayout;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.model.FittedEncoder;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.plugin.RandomStreams;

/**
 * Partial least squares regression of SOC on the spectra (PLS1, SIMPLS) with the number of components chosen
 * by grouped cross-validation inside the training set.
 *
 * <p>Cost: the only pass over the spectra that scales with bands² is one {@code A^T A} GEMM per block of rows
 * ({@link CrossProducts}), done once per fold; every fold's training model then comes from the total minus its
 * own cross-products, so cross-validation costs one pass, not one per fold. The SIMPLS iterations work on the
 * bands x bands cross-product matrix in double on the host, and held-out predictions for every number of
 * components at once are one more GEMM per block.
 */
public final class PlsrEncoder implements FittedEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(PlsrEncoder.class);
    private static final String FOLD_STREAM = "plsr-folds";

    private final PlsrSettings settings;
    private final ComputeBackend backend;
    private final RandomStreams random;
    private final ModelShape shape;
    private PlsrModel model;
    private CrossValidation crossValidation;

    public PlsrEncoder(PlsrSettings settings, ComputeBackend backend, RandomStreams random, ModelShape shape) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.random = Objects.requireNonNull(random, "random");
        this.shape = Objects.requireNonNull(shape, "shape");
    }

    @Override
    public String name() {
        return PlsrEncoderFactory.NAME;
    }

    @Override
    public ModelShape shape() {
        return shape;
    }

    public PlsrSettings settings() {
        return settings;
    }

    @Override
    public void fit(SpectralDataset train) {
        if (train.bands() != shape.bands()) {
            throw new IllegalArgumentException("PLSR was built for " + shape.bands() + " bands, the training data have "
                    + train.bands());
        }
        int[] labelled = IntStream.range(0, train.rows()).filter(train::labelled).toArray();
        if (labelled.length < 3) {
            throw new IllegalArgumentException("PLSR needs at least 3 labelled spectra, the training data have "
                    + labelled.length);
        }
        int p = train.bands();
        float[] mu = columnMeans(train, labelled);
        double yMu = IntStream.of(labelled).mapToDouble(train::soc).average().orElseThrow();

        CrossProducts total;
        int use;
        if (settings.crossValidates()) {
            CvFolds folds = CvFolds.of(train, labelled, settings.folds(), random.stream(FOLD_STREAM));
            var perFold = new CrossProducts[folds.count()];
            total = CrossProducts.zero(p);
            int smallestTraining = Integer.MAX_VALUE;
            for (int f = 0; f < folds.count(); f++) {
                perFold[f] = CrossProducts.of(backend, train, folds.rowsOf(f), mu, yMu);
                total = total.plus(perFold[f]);
                smallestTraining = Math.min(smallestTraining, labelled.length - folds.size(f));
            }
            int models = Math.max(1, Math.min(settings.maxComponents(), Math.min(p, smallestTraining - 1)));
            double[][] sse = new double[folds.count()][];
            int[] sizes = new int[folds.count()];
            for (int f = 0; f < folds.count(); f++) {
                CentredProducts c = CentredProducts.of(total.minus(perFold[f]), settings.scale());
                SimplsComponents comps = SimplsComponents.fit(c, models);
                int[] held = folds.rowsOf(f);
                sizes[f] = held.length;
                sse[f] = heldOutSquaredErrors(train, held, mu, yMu, c, comps, models);
            }
            crossValidation = CrossValidation.select(sse, sizes, settings.selection(), folds.grouping());
            use = crossValidation.chosen();
            LOG.info("PLSR {}", crossValidation);
        } else {
            total = CrossProducts.of(backend, train, labelled, mu, yMu);
            use = settings.components();
            crossValidation = null;
        }
        CentredProducts c = CentredProducts.of(total, settings.scale());
        SimplsComponents comps = SimplsComponents.fit(c, Math.min(use, Math.min(p, labelled.length - 1)));
        if (comps.count() == 0) {
            throw new IllegalArgumentException("PLSR found no component: SOC does not vary with the spectra in the "
                    + "training data (" + labelled.length + " labelled spectra)");
        }
        if (comps.count() < use) {
            LOG.warn("PLSR: only {} components exist in the training data ({} asked for)", comps.count(), use);
        }
        model = PlsrModel.of(c, comps, use, mu, yMu);
        LOG.info("PLSR fitted: {} components on {} labelled spectra of {} bands", model.components(),
                labelled.length, p);
    }

    /**
     * Squared SOC errors summed over {@code held} rows for 1 .. models components: the coefficient matrix of
     * every model size is one GEMM operand, so all sizes cost one product per block of rows.
     */
    private double[] heldOutSquaredErrors(SpectralDataset data, int[] held, float[] mu, double yMu,
                                          CentredProducts c, SimplsComponents comps, int models) {
        int p = data.bands();
        int m = AugmentedRows.width(p);
        double[][] b = comps.cumulativeCoefficients(models, p);
        // Rows of the augmented layout [x', y', 1]: coefficients / scale, 0 for y', the intercept for the 1s.
        float[] w = new float[m * models];
        for (int k = 0; k < models; k++) {
            double offset = c.yMean();
            for (int j = 0; j < p; j++) {
                double coef = b[k][j] / c.scale()[j];
                w[j * models + k] = (float) coef;
                offset -= coef * c.mean()[j];
            }
            w[(p + 1) * models + k] = (float) offset;
        }
        double[] sse = new double[models];
        int blockRows = Math.min(CrossProducts.BLOCK_ROWS, held.length);
        float[] host = new float[blockRows * m];
        float[] pred = new float[blockRows * models];
        Buffer block = backend.allocate(blockRows, m);
        Buffer coef = backend.allocate(w, m, models);
        Buffer out = backend.allocate(blockRows, models);
        try {
            for (int from = 0; from < held.length; from += blockRows) {
                int n = Math.min(blockRows, held.length - from);
                AugmentedRows.fill(data, held, from, n, mu, yMu, host);
                Buffer a = n == blockRows ? block : backend.view(block, 0, n, m);
                Buffer o = n == blockRows ? out : backend.view(out, 0, n, models);
                backend.upload(host, 0, a);
                backend.gemm(GemmLayout.NN, a, coef, o, null, Activation.IDENTITY, false);
                backend.download(o, pred, 0);
                for (int i = 0; i < n; i++) {
                    double y = data.soc(held[from + i]) - yMu;
                    for (int k = 0; k < models; k++) {
                        double e = pred[i * models + k] - y;
                        sse[k] += e * e;
                    }
                }
            }
        } finally {
            backend.release(out);
            backend.release(coef);
            backend.release(block);
        }
        return sse;
    }

    private static float[] columnMeans(SpectralDataset data, int[] rows) {
        int p = data.bands();
        double[] sum = new double[p];
        float[] x = data.spectra();
        for (int r : rows) {
            int off = r * p;
            for (int j = 0; j < p; j++) {
                sum[j] += x[off + j];
            }
        }
        float[] mean = new float[p];
        for (int j = 0; j < p; j++) {
            mean[j] = (float) (sum[j] / rows.length);
        }
        return mean;
    }

    @Override
    public boolean fitted() {
        return model != null;
    }

    /** The number of components of the fitted model. */
    public int components() {
        return requireModel().components();
    }

    /** The cross-validation that chose the number of components; empty when it was fixed or restored. */
    public Optional<CrossValidation> crossValidation() {
        return Optional.ofNullable(crossValidation);
    }

    /** Regression coefficients on the (preprocessed) spectrum: SOC = intercept + x . coefficients. */
    public double[] coefficients() {
        return requireModel().coefficients();
    }

    public double intercept() {
        return requireModel().intercept();
    }

    @Override
    public void predict(float[] spectra, int rows, float[] soc, float[] hotellingT2, float[] qResidual) {
        requireModel().predict(backend, spectra, rows, soc, hotellingT2, qResidual);
    }

    @Override
    public boolean hasOutlierStatistics() {
        return true;
    }

    @Override
    public Map<String, Tensor> exportState() {
        return requireModel().tensors();
    }

    @Override
    public void restore(Map<String, Tensor> state) {
        model = PlsrModel.from(state, shape.bands());
        crossValidation = null;
    }

    private PlsrModel requireModel() {
        if (model == null) {
            throw new IllegalStateException("PLSR encoder is not fitted: call fit or restore first");
        }
        return model;
    }

    @Override
    public String toString() {
        return "PlsrEncoder[" + settings + (model == null ? ", not fitted" : ", " + model.components()
                + " components") + "]";
    }
}
