package org.specsoc.runner.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.model.TrainingListener;
import org.specsoc.api.plugin.RandomStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link JointModel} the authors' way (reference spec 3-4): Adam over one flat parameter buffer,
 * shuffled mini-batches with the last partial batch dropped, the loss of {@link SocLoss}.
 *
 * <p>Two batch schemes. When the decoder reconstructs and the training set holds at least a batch of
 * unlabelled spectra (N' &gt; N, the authors' Exp. 3), each step pairs a batch of unlabelled spectra with a batch
 * of floor(labelled / steps) labelled ones, run through the network separately; an epoch is one pass over the
 * unlabelled spectra. Otherwise each step is one batch of the training rows (only labelled rows when there is
 * no decoder: unlabelled ones would contribute nothing).
 *
 * <p>Randomness: parameters are initialised from the {@code init} stream; the shuffle of epoch e is drawn from
 * stream {@code epoch-e} of the {@code shuffle} child, so a run resumed from a {@link TrainingState} continues
 * bit-identically. Spectra are uploaded once and batches gathered on the backend.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final JointModel model;
    private final TrainingSettings settings;
    private final RandomStreams random;
    private final List<TrainingListener> listeners;
    private final SocLoss loss;
    private final Buffer adamM;
    private final Buffer adamV;
    private CheckpointSink checkpoints;
    private int epoch;
    private int adamStep;

    /** A trainer for {@code model}, whose parameters it initialises from {@code random}'s {@code init} stream. */
    public Trainer(JointModel model, TrainingSettings settings, RandomStreams random,
                   List<TrainingListener> listeners) {
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
        this.listeners = List.copyOf(listeners);
        this.loss = new SocLoss(model, settings.sigmaSoc(), settings.sigmaAsd());
        ComputeBackend backend = model.backend();
        this.adamM = backend.allocate(1, Math.max(1, model.parameterCount()));
        this.adamV = backend.allocate(1, Math.max(1, model.parameterCount()));
        model.initialise(random.child("init"));
    }

    public JointModel model() {
        return model;
    }

    public TrainingSettings settings() {
        return settings;
    }

    /** Completed epochs. */
    public int epoch() {
        return epoch;
    }

    /** Where {@link TrainingSettings#checkpointInterval()} states go. */
    public void checkpointTo(CheckpointSink sink) {
        this.checkpoints = sink;
    }

    /**
     * Fine-tuning: starts from saved parameter values and BatchNorm statistics with a fresh Adam (as the
     * authors did) at epoch 0.
     */
    public void startFrom(float[] parameters, float[] state) {
        model.loadParameters(parameters);
        model.loadState(state);
        resetOptimiser();
        epoch = 0;
    }

    /** Continues from a checkpointed state: the next {@link #train} call runs epochs state.epoch + 1 onwards. */
    public void resume(TrainingState state) {
        if (state.epoch() > settings.epochs()) {
            throw new IllegalArgumentException("checkpoint is at epoch " + state.epoch() + ", beyond the "
                    + settings.epochs() + " epochs configured");
        }
        model.loadParameters(state.parameters());
        model.loadState(state.state());
        ComputeBackend backend = model.backend();
        if (model.parameterCount() > 0) {
            backend.upload(state.adamM(), adamM);
            backend.upload(state.adamV(), adamV);
        }
        epoch = state.epoch();
        adamStep = state.adamStep();
    }

    /** The full training state now (a copy). */
    public TrainingState state() {
        ComputeBackend backend = model.backend();
        float[] m = model.parameterCount() == 0 ? new float[0] : backend.download(adamM);
        float[] v = model.parameterCount() == 0 ? new float[0] : backend.download(adamV);
        return new TrainingState(epoch, adamStep, model.parameterValues(), model.stateValues(), m, v);
    }

    /** Gives Adam's moment buffers back to the backend; the trainer is unusable afterwards. */
    public void release() {
        model.backend().release(adamM);
        model.backend().release(adamV);
    }

    private void resetOptimiser() {
        model.backend().fill(adamM, 0);
        model.backend().fill(adamV, 0);
        adamStep = 0;
    }

    /**
     * Trains up to {@link TrainingSettings#epochs()} epochs in total.
     *
     * @param train      training spectra (NaN labels = unlabelled, used by the reconstruction term only)
     * @param validation evaluated every {@link TrainingSettings#evalInterval()} epochs; may be null
     * @throws TrainingDivergedException when the loss becomes NaN or infinite
     */
    public TrainingResult train(SpectralDataset train, SpectralDataset validation, String runId) {
        long start = System.nanoTime();
        ComputeBackend backend = model.backend();
        checkBands(train, "training");
        if (validation != null) {
            checkBands(validation, "validation");
        }
        Resident trainData = Resident.upload(backend, train);
        Resident validationData = validation == null ? null : Resident.upload(backend, validation);
        Evaluation evaluation = new Evaluation(model, settings.evalBatchNorm());
        BatchPlan plan = BatchPlan.of(train, settings.batchSize(), model.trainableDecoder() != null);
        LOG.info("training {} for epochs {}..{}: {} steps per epoch ({}), batch {}", runId, epoch + 1,
                settings.epochs(), plan.steps(), plan.describe(), settings.batchSize());
        List<Batch> batches = plan.allocate(backend, train.bands());
        listeners.forEach(l -> l.onTrainingBegin(runId, settings.epochs()));
        double lastLoss = Double.NaN;
        try {
            while (epoch < settings.epochs()) {
                int e = epoch + 1;
                SplittableRandom shuffle = random.child("shuffle").stream("epoch-" + e);
                int[][] order = plan.shuffle(shuffle);
                double sum = 0;
                double socSum = 0;
                double recSum = 0;
                for (int s = 0; s < plan.steps(); s++) {
                    var parts = new ArrayList<SocLoss.Part>(batches.size());
                    for (int p = 0; p < batches.size(); p++) {
                        parts.add(batches.get(p).assemble(backend, trainData, order[p], s, train.socLabels()));
                    }
                    SocLoss.StepLoss step = loss.forwardBackward(parts);
                    if (!Double.isFinite(step.total())) {
                        throw new TrainingDivergedException(e, s + 1, step.total());
                    }
                    adamStep++;
                    update();
                    sum += step.total();
                    socSum += step.soc();
                    recSum += step.reconstruction();
                }
                epoch = e;
                lastLoss = sum / plan.steps();
                var metrics = new LinkedHashMap<String, Double>();
                metrics.put("loss", lastLoss);
                metrics.put("loss.soc", socSum / plan.steps());
                if (model.trainableDecoder() != null) {
                    metrics.put("loss.reconstruction", recSum / plan.steps());
                }
                if (e % settings.evalInterval() == 0 || e == settings.epochs()) {
                    metrics.putAll(evaluation.evaluate(trainData.spectra(), train.socLabels()).asMap("train"));
                    if (validationData != null) {
                        metrics.putAll(evaluation.evaluate(validationData.spectra(), validation.socLabels())
                                .asMap("validation"));
                    }
                }
                Map<String, Double> view = java.util.Collections.unmodifiableMap(metrics);
                listeners.forEach(l -> l.onEpochEnd(runId, e, settings.epochs(), view));
                if (checkpoints != null && settings.checkpointInterval() > 0
                        && e % settings.checkpointInterval() == 0) {
                    try {
                        checkpoints.save(state());
                    } catch (IOException ex) {
                        throw new UncheckedIOException("cannot save the checkpoint of epoch " + e, ex);
                    }
                }
            }
            Metrics trainMetrics = evaluation.evaluate(trainData.spectra(), train.socLabels());
            Metrics validationMetrics = validationData == null ? null
                    : evaluation.evaluate(validationData.spectra(), validation.socLabels());
            var finalMetrics = new LinkedHashMap<String, Double>();
            if (!Double.isNaN(lastLoss)) {
                finalMetrics.put("loss", lastLoss);
            }
            finalMetrics.putAll(trainMetrics.asMap("train"));
            if (validationMetrics != null) {
                finalMetrics.putAll(validationMetrics.asMap("validation"));
            }
            listeners.forEach(l -> l.onTrainingEnd(runId, finalMetrics));
            return new TrainingResult(trainMetrics, validationMetrics, epoch, lastLoss, settings.evalBatchNorm(),
                    (System.nanoTime() - start) / 1e9);
        } finally {
            trainData.release(backend);
            if (validationData != null) {
                validationData.release(backend);
            }
            batches.forEach(b -> b.release(backend));
        }
    }

    private void update() {
        ComputeBackend backend = model.backend();
        if (settings.freeze() != Freeze.ENCODER && model.encoderParameterCount() > 0) {
            backend.adam(model.encoderParameters(model.parameters()), model.encoderParameters(model.gradients()),
                    model.encoderParameters(adamM), model.encoderParameters(adamV), settings.adam(), adamStep);
        }
        if (settings.freeze() != Freeze.DECODER && model.decoderParameterCount() > 0) {
            backend.adam(model.decoderParameters(model.parameters()), model.decoderParameters(model.gradients()),
                    model.decoderParameters(adamM), model.decoderParameters(adamV), settings.adam(), adamStep);
        }
    }

    private void checkBands(SpectralDataset data, String which) {
        if (data.bands() != model.shape().bands()) {
            throw new IllegalArgumentException("the " + which + " set has " + data.bands()
                    + " wavelengths but the model was built for " + model.shape().bands());
        }
    }

    /** A data set resident on the backend: spectra (N x M) and labels (N x 1). */
    record Resident(Buffer spectra, Buffer labels) {
        static Resident upload(ComputeBackend backend, SpectralDataset data) {
            return new Resident(backend.allocate(data.spectra(), data.rows(), data.bands()),
                    backend.allocate(data.socLabels(), data.rows(), 1));
        }

        void release(ComputeBackend backend) {
            backend.release(spectra);
            backend.release(labels);
        }
    }

    /** Gather buffers for one part of a step. */
    record Batch(int size, Buffer spectra, Buffer labels) {
        SocLoss.Part assemble(ComputeBackend backend, Resident data, int[] order, int step, float[] labels) {
            int[] rows = new int[size];
            int labelled = 0;
            for (int i = 0; i < size; i++) {
                // Wraps only when there are fewer labelled spectra than steps x labelled batch (see BatchPlan).
                rows[i] = order[(step * size + i) % order.length];
                if (!Float.isNaN(labels[rows[i]])) {
                    labelled++;
                }
            }
            backend.gatherRows(data.spectra(), rows, spectra);
            backend.gatherRows(data.labels(), rows, this.labels);
            return new SocLoss.Part(spectra, this.labels, labelled);
        }

        void release(ComputeBackend backend) {
            backend.release(spectra);
            backend.release(labels);
        }
    }

    /** Which rows make up each part of a step, and how many steps an epoch has. */
    record BatchPlan(int[][] pools, int[] sizes, int steps, boolean paired) {

        static BatchPlan of(SpectralDataset train, int batch, boolean reconstructs) {
            var labelled = new ArrayList<Integer>();
            var unlabelled = new ArrayList<Integer>();
            for (int i = 0; i < train.rows(); i++) {
                (train.labelled(i) ? labelled : unlabelled).add(i);
            }
            int[] lab = labelled.stream().mapToInt(Integer::intValue).toArray();
            int[] unl = unlabelled.stream().mapToInt(Integer::intValue).toArray();
            if (reconstructs && unl.length >= batch && lab.length >= 2) {
                int steps = unl.length / batch;
                // The authors' labelled batch: floor(|labelled| / steps), at least 2 for BatchNorm.
                int labelledBatch = Math.max(2, lab.length / steps);
                return new BatchPlan(new int[][] {unl, lab}, new int[] {batch, labelledBatch}, steps, true);
            }
            int[] rows = reconstructs ? java.util.stream.IntStream.range(0, train.rows()).toArray() : lab;
            int steps = rows.length / batch;
            if (steps == 0) {
                throw new IllegalArgumentException("the training set has " + rows.length
                        + (reconstructs ? " spectra" : " labelled spectra") + ", fewer than one batch of " + batch
                        + " (train.batch-size); the last partial batch is dropped, so nothing would be trained");
            }
            return new BatchPlan(new int[][] {rows}, new int[] {batch}, steps, false);
        }

        String describe() {
            return paired ? "unlabelled batches of " + sizes[0] + " paired with labelled batches of " + sizes[1]
                    : pools[0].length + " rows";
        }

        List<Batch> allocate(ComputeBackend backend, int bands) {
            var out = new ArrayList<Batch>();
            for (int size : sizes) {
                out.add(new Batch(size, backend.allocate(size, bands), backend.allocate(size, 1)));
            }
            return out;
        }

        /** Fisher-Yates shuffles of each pool, in pool order, from one generator. */
        int[][] shuffle(SplittableRandom r) {
            int[][] out = new int[pools.length][];
            for (int p = 0; p < pools.length; p++) {
                int[] a = pools[p].clone();
                for (int i = a.length - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    int t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                }
                out[p] = a;
            }
            return out;
        }
    }
}
