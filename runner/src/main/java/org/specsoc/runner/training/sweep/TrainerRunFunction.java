package org.specsoc.runner.training.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.model.Decoder;
import org.specsoc.api.model.Encoder;
import org.specsoc.api.model.FittedEncoder;
import org.specsoc.api.model.MixingDecoder;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.model.TrainableEncoder;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.PluginContext;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.runner.archive.ModelProvenance;
import org.specsoc.runner.experiment.Architecture;
import org.specsoc.runner.experiment.ExperimentData;
import org.specsoc.runner.experiment.IndexSets;
import org.specsoc.runner.experiment.Metrics;
import org.specsoc.runner.experiment.Phase;
import org.specsoc.runner.experiment.RunFunction;
import org.specsoc.runner.experiment.RunKey;
import org.specsoc.runner.experiment.RunResult;
import org.specsoc.runner.experiment.RunSpec;
import org.specsoc.runner.model.StoredPreprocessing;
import org.specsoc.runner.predict.Calibration;
import org.specsoc.runner.predict.ConformalInterval;
import org.specsoc.runner.predict.OodThreshold;
import org.specsoc.runner.training.Evaluation;
import org.specsoc.runner.training.Freeze;
import org.specsoc.runner.training.JointModel;
import org.specsoc.runner.training.Trainer;
import org.specsoc.runner.training.TrainingSettings;
import org.specsoc.runner.training.TrainingState;
import org.specsoc.runner.training.checkpoint.CheckpointSettings;
import org.specsoc.runner.training.checkpoint.CheckpointStore;
import org.specsoc.runner.training.checkpoint.TrainingCheckpoint;
import org.specsoc.runner.training.listeners.ListenerSettings;
import org.specsoc.runner.training.listeners.TrainingListeners;
import org.specsoc.runner.wiring.RunEnvironment;
import org.specsoc.runner.wiring.SelectedPlugin;

/**
 * One sweep's {@link RunFunction} on the real trainer: builds the run's encoder and decoder from the configured
 * factories, trains them (resuming from the run's newest checkpoint), evaluates, and saves the model when asked.
 * Holds only what is shared by every run of the sweep, so that runs can go in parallel.
 */
final class TrainerRunFunction implements RunFunction {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerRunFunction.class);
    /** The name of the Adam moment buffers in checkpoints: the whole flat parameter buffer. */
    static final String MOMENTS = "parameters";
    /** Keys that may change without invalidating a run's checkpoint besides {@link CheckpointStore}'s own. */
    private static final List<String> SWEEP_ONLY_KEYS = List.of("experiment.parallelism", "experiment.seeds",
            "experiment.architectures");

    private final RunEnvironment environment;
    private final ExperimentData data;
    private final SpectralLibrary library;

    TrainerRunFunction(RunEnvironment environment, ExperimentData data, SpectralLibrary library) {
        this.environment = environment;
        this.data = data;
        this.library = library;
    }

    @Override
    public RunResult run(RunSpec spec) throws Exception {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        RunKey key = spec.key();
        long masterSeed = environment.section("train.").getLong("seed");
        // One independent family of streams per run, from train.seed and the run's identity only.
        RandomStreams random = new RandomStreams(masterSeed).child("run").child(key.id());
        // The java backend's instances keep scratch buffers (GEMM packing) that two runs training at once would
        // share: parallel runs each get a backend of their own.
        boolean ownBackend = parallel();
        ComputeBackend backend = ownBackend ? environment.newBackend() : environment.backend();
        try {
            return run(spec, backend, random, started, t0);
        } finally {
            if (ownBackend) {
                backend.close();
            }
        }
    }

    private boolean parallel() {
        PluginConfig experiment = environment.experimentConfig();
        return experiment.spec().key("parallelism").isPresent() && experiment.getInt("parallelism") > 1;
    }

    private RunResult run(RunSpec spec, ComputeBackend backend, RandomStreams random, Instant started, long t0)
            throws Exception {
        RunKey key = spec.key();
        Architecture architecture = key.architecture();
        PluginConfig train = environment.section("train.");
        long masterSeed = train.getLong("seed");
        SelectedPlugin<EncoderFactory> encoderPlugin = encoderOf(architecture);
        SelectedPlugin<DecoderFactory> decoderPlugin = environment.configuration().decoder(architecture.decoderType())
                .orElseThrow(() -> new ConfigurationException("architecture '" + architecture.configName()
                        + "' needs decoder '" + architecture.decoderType() + "', which the configuration did not"
                        + " bind; list it in experiment.architectures"));
        PluginContext context = environment.pluginContext(backend, random.child("plugins"), library);
        int latent = decoderPlugin.factory().requiredLatent(decoderPlugin.config(), context)
                .orElse(encoderPlugin.config().spec().key("latent").isPresent()
                        ? encoderPlugin.config().getInt("latent") : 2);
        SpectralDataset all = data.dataset();
        ModelShape shape = new ModelShape(all.wavelengths(), latent);
        Encoder encoder = encoderPlugin.factory().create(encoderPlugin.config(), context, shape);

        IndexSets rows = spec.rows();
        int[] calibration = new int[0];
        int[] fitRows = rows.train();
        // A pre-trained model is only a starting point for fine-tuning: it keeps all its rows.
        if (spec.modelOutput().isPresent() && key.phase() != Phase.PRETRAIN) {
            calibration = calibrationRows(rows.train(), random.child("calibration"));
            fitRows = minus(rows.train(), calibration);
        }
        var provenance = ModelProvenance.builder().startedAt(started)
                .plugin("encoder", encoderPlugin.name(), encoderPlugin.factory().getClass())
                .seed("train.seed", masterSeed).seed("experiment.seed", key.seed())
                .compute(environment.backendChoice().name(), device());

        Metrics training;
        Metrics validation;
        double[] socSpectrum = null;
        double rhoR = Double.NaN;
        if (encoder instanceof FittedEncoder fitted) {
            if (spec.initialModel().isPresent()) {
                LOG.info("{}: a fitted encoder has no weights to fine-tune; it is fitted afresh", key.id());
            }
            fitted.fit(labelledOnly(all.subset(fitRows)));
            training = fittedMetrics(fitted, all.subset(rows.trainingEvaluation()));
            validation = fittedMetrics(fitted, all.subset(rows.validation()));
            if (spec.modelOutput().isPresent()) {
                Calibration trust = null;
                if (calibration.length > 0) {
                    SpectralDataset held = all.subset(calibration);
                    trust = calibrate(held, fitted.predictSoc(held.spectra(), held.rows()), null);
                }
                ModelFiles.write(ModelFiles.archive(fitted, config(encoderPlugin.name(), "none"),
                        provenance.finishedAt(Instant.now()).build(),
                        trust, data.dataGrid(), storedPreprocessing()), spec.modelOutput().get());
            }
        } else if (encoder instanceof TrainableEncoder trainable) {
            Decoder decoder = decoderPlugin.factory().create(decoderPlugin.config(), context, shape);
            provenance.plugin("decoder", decoderPlugin.name(), decoderPlugin.factory().getClass());
            NetworkOutcome outcome = trainNetwork(spec, backend, trainable, decoder, train, random, fitRows,
                    calibration, provenance);
            training = outcome.training();
            validation = outcome.validation();
            socSpectrum = outcome.socSpectrum();
            rhoR = outcome.rhoR();
        } else {
            throw new IllegalStateException("encoder '" + encoderPlugin.name() + "' is neither trainable nor fitted");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new RunResult(key, training, validation, socSpectrum, rhoR, seconds,
                environment.backendChoice().name(), device(), null);
    }

    private record NetworkOutcome(Metrics training, Metrics validation, double[] socSpectrum, double rhoR) {
    }

    private NetworkOutcome trainNetwork(RunSpec spec, ComputeBackend backend, TrainableEncoder encoder,
                                        Decoder decoder, PluginConfig train, RandomStreams random, int[] fitRows,
                                        int[] calibration, ModelProvenance.Builder provenance) throws Exception {
        RunKey key = spec.key();
        CheckpointSettings checkpointing = CheckpointSettings.from(train);
        TrainingSettings settings = TrainingSettings.from(train, environment.section("loss."),
                environment.section("eval.")).withCheckpointInterval(checkpointing.every());
        if (spec.epochs().isPresent()) {
            settings = settings.withEpochs(spec.epochs().getAsInt());
        }
        if (spec.initialModel().isEmpty() && settings.freeze() != Freeze.NONE) {
            // Freezing a part of a freshly initialised model would keep it random: only fine-tuning freezes.
            settings = settings.withFreeze(Freeze.NONE);
        }
        // Fine-tuning on a few labelled pedons (Exp. 3) can leave fewer rows than a batch: one smaller batch then
        // covers them all, rather than a run that trains nothing.
        SpectralDataset trainingSet = trainingSet(data.dataset(), fitRows, spec.rows().unlabelled());
        int available = decoder.reconstructs() ? trainingSet.rows() : trainingSet.labelledCount();
        if (available < settings.batchSize() && available >= 2) {
            LOG.info("{}: {} training rows, fewer than train.batch-size {}: one batch of {}", key.id(), available,
                    settings.batchSize(), available);
            settings = settings.withBatchSize(available);
        }
        JointModel model = new JointModel(backend, encoder, decoder);
        var listeners = TrainingListeners.withCurve(ListenerSettings.from(train), spec.learningCurve(),
                environment.listeners());
        Trainer trainer = new Trainer(model, settings, random.child("training"), List.of(listeners));
        try {
            if (spec.initialModel().isPresent()) {
                Path from = spec.initialModel().get();
                ModelFiles.Values start = ModelFiles.values(ModelFiles.read(from), model, from);
                trainer.startFrom(start.parameters(), start.state());
            }
            CheckpointStore checkpoints = new CheckpointStore(
                    spec.learningCurve().resolveSibling(key.id() + ".checkpoints"), checkpointing);
            Map<String, String> config = config(encoder.name(), decoder.name());
            var resumeKeys = new TreeMap<>(config);
            SWEEP_ONLY_KEYS.forEach(resumeKeys::remove);
            var resumable = checkpoints.resumable(resumeKeys);
            if (resumable.isPresent()) {
                TrainingCheckpoint c = resumable.get();
                ModelFiles.Values v = ModelFiles.values(c.model(), model, checkpoints.directory());
                trainer.resume(new TrainingState(c.epoch(), Math.toIntExact(c.step()), v.parameters(), v.state(),
                        c.firstMoments().get(MOMENTS), c.secondMoments().get(MOMENTS)));
            }
            long seed = environment.section("train.").getLong("seed");
            trainer.checkpointTo(state -> checkpoints.save(new TrainingCheckpoint(state.epoch(), state.adamStep(),
                    seed, ModelFiles.archive(model, resumeKeys, provenance.finishedAt(Instant.now()).build(), null),
                    Map.of(MOMENTS, state.adamM()), Map.of(MOMENTS, state.adamV()), null)));

            SpectralDataset all = data.dataset();
            IndexSets rows = spec.rows();
            trainer.train(trainingSet,
                    rows.validation().length == 0 ? null : all.subset(rows.validation()), key.id());

            Evaluation evaluation = new Evaluation(model, settings.evalBatchNorm());
            Metrics training = evaluate(evaluation, backend, all.subset(rows.trainingEvaluation()));
            Metrics validation = evaluate(evaluation, backend, all.subset(rows.validation()));
            double[] socSpectrum = null;
            double rhoR = Double.NaN;
            if (decoder instanceof MixingDecoder mixing) {
                float[] f = mixing.socSpectrum();
                socSpectrum = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    socSpectrum[i] = f[i];
                }
                rhoR = mixing.socRhoR();
            }
            if (spec.modelOutput().isPresent()) {
                Calibration trust = null;
                if (calibration.length > 0) {
                    SpectralDataset held = all.subset(calibration);
                    Evaluation.Predictions p = predict(evaluation, backend, held);
                    trust = calibrate(held, p.soc(), p.rowMse());
                }
                ModelFiles.write(ModelFiles.archive(model, config, provenance.finishedAt(Instant.now()).build(),
                        trust, data.dataGrid(), storedPreprocessing()), spec.modelOutput().get());
            }
            if (!checkpointing.keepFinal()) {
                checkpoints.discardAll();
                try (var left = Files.list(checkpoints.directory())) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(checkpoints.directory());
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // no checkpoint was ever written
                }
            }
            return new NetworkOutcome(training, validation, socSpectrum, rhoR);
        } finally {
            // The OpenCL backend's arena would otherwise keep every finished run's buffers.
            trainer.release();
            model.release();
        }
    }

    /**
     * The sweep's fitted preprocessing as a saved model stores it; row filters are left out, as prediction must
     * answer every input row.
     */
    private List<Map<String, String>> storedPreprocessing() {
        return StoredPreprocessing.describe(StoredPreprocessing.of(data.preprocessing()).steps());
    }

    private SelectedPlugin<EncoderFactory> encoderOf(Architecture architecture) {
        return architecture.encoderType()
                .map(name -> environment.configuration().encoder(name).orElseThrow(() -> new ConfigurationException(
                        "architecture '" + architecture.configName() + "' needs encoder '" + name
                                + "', which the configuration did not bind")))
                .orElseGet(environment::encoder);
    }

    private String device() {
        return environment.backendChoice().availability().detail();
    }

    /**
     * The effective configuration with the run's own encoder and decoder as {@code encoder.type} and
     * {@code decoder.type}: in a sweep the file's selectors do not say which model a run trained.
     */
    private Map<String, String> config(String encoderType, String decoderType) {
        var config = new TreeMap<>(environment.effectiveConfiguration().values());
        config.put("encoder.type", encoderType);
        config.put("decoder.type", decoderType);
        return config;
    }

    /**
     * A pedon-grouped slice of the training rows, about {@code train.calibration-fraction} of them, held out of
     * training to calibrate the saved model's OOD threshold and SOC interval; empty when it is 0.
     */
    private int[] calibrationRows(int[] trainRows, RandomStreams random) {
        double fraction = environment.section("train.").getDouble(RunFunctionExtension.CALIBRATION_FRACTION);
        if (fraction <= 0 || trainRows.length < 4) {
            return new int[0];
        }
        SpectralDataset all = data.dataset();
        String column = environment.experimentConfig().spec().key("pedon-column").isPresent()
                ? environment.experimentConfig().getString("pedon-column") : SpectralDataset.PEDON;
        String[] pedons = all.hasGroup(column) ? all.group(column) : null;
        var byGroup = new LinkedHashMap<String, List<Integer>>();
        for (int r : trainRows) {
            byGroup.computeIfAbsent(pedons == null ? "row-" + r : pedons[r], k -> new ArrayList<>()).add(r);
        }
        var groups = new ArrayList<>(byGroup.keySet());
        SplittableRandom shuffle = random.stream("pedons");
        for (int i = groups.size() - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            String t = groups.get(i);
            groups.set(i, groups.get(j));
            groups.set(j, t);
        }
        int target = (int) Math.ceil(fraction * trainRows.length);
        var taken = new LinkedHashSet<Integer>();
        for (String g : groups) {
            if (taken.size() >= target || taken.size() + byGroup.get(g).size() >= trainRows.length - 1) {
                break;
            }
            taken.addAll(byGroup.get(g));
        }
        int[] out = taken.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }

    private static Calibration calibrate(SpectralDataset held, float[] soc, double[] rowMse) {
        var predicted = new ArrayList<Double>();
        var observed = new ArrayList<Double>();
        for (int i = 0; i < held.rows(); i++) {
            if (held.labelled(i)) {
                predicted.add((double) soc[i]);
                observed.add((double) held.soc(i));
            }
        }
        double[] mrmse = null;
        if (rowMse != null) {
            mrmse = new double[rowMse.length];
            for (int i = 0; i < rowMse.length; i++) {
                mrmse[i] = Math.sqrt(rowMse[i]);
            }
        }
        return Calibration.fit(predicted.stream().mapToDouble(Double::doubleValue).toArray(),
                observed.stream().mapToDouble(Double::doubleValue).toArray(), mrmse, ConformalInterval.DEFAULT_LEVEL,
                OodThreshold.DEFAULT_QUANTILE);
    }

    /** The labelled rows {@code train}, then the rows {@code unlabelled} with their labels hidden (NaN). */
    static SpectralDataset trainingSet(SpectralDataset all, int[] train, int[] unlabelled) {
        var trainSet = new java.util.HashSet<Integer>();
        for (int r : train) {
            trainSet.add(r);
        }
        int[] extra = Arrays.stream(unlabelled).filter(r -> !trainSet.contains(r)).toArray();
        int[] rows = new int[train.length + extra.length];
        System.arraycopy(train, 0, rows, 0, train.length);
        System.arraycopy(extra, 0, rows, train.length, extra.length);
        SpectralDataset joined = all.subset(rows);
        if (extra.length == 0) {
            return joined;
        }
        float[] labels = joined.socLabels().clone();
        Arrays.fill(labels, train.length, labels.length, Float.NaN);
        return new SpectralDataset(joined.spectra(), joined.wavelengths(), labels, joined.ids(), joined.groups(),
                joined.provenance());
    }

    private static SpectralDataset labelledOnly(SpectralDataset data) {
        int[] rows = java.util.stream.IntStream.range(0, data.rows()).filter(data::labelled).toArray();
        return rows.length == data.rows() ? data : data.subset(rows);
    }

    private static int[] minus(int[] rows, int[] removed) {
        var gone = new java.util.HashSet<Integer>();
        for (int r : removed) {
            gone.add(r);
        }
        return Arrays.stream(rows).filter(r -> !gone.contains(r)).toArray();
    }

    private static Evaluation.Predictions predict(Evaluation evaluation, ComputeBackend backend, SpectralDataset set) {
        Buffer spectra = backend.allocate(set.spectra(), set.rows(), set.bands());
        try {
            return evaluation.predict(spectra);
        } finally {
            backend.release(spectra);
        }
    }

    private static Metrics evaluate(Evaluation evaluation, ComputeBackend backend, SpectralDataset set) {
        if (set.rows() == 0) {
            return new Metrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        Evaluation.Predictions p = predict(evaluation, backend, set);
        return converted(org.specsoc.runner.training.Metrics.of(p.soc(), set.socLabels(), p.rowMse()));
    }

    private static Metrics fittedMetrics(FittedEncoder encoder, SpectralDataset set) {
        if (set.rows() == 0) {
            return new Metrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        float[] soc = encoder.predictSoc(set.spectra(), set.rows());
        return converted(org.specsoc.runner.training.Metrics.of(soc, set.socLabels(), null));
    }

    /** The trainer's metrics are in percent; a sweep stores mass fractions and reflectance (reports scale). */
    private static Metrics converted(org.specsoc.runner.training.Metrics m) {
        return new Metrics(m.rmse() / 100, m.r2(), m.bias() / 100, m.mrmse() / 100, m.spectra());
    }

}
