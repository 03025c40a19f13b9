package org.specsoc.runner.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.AdamSettings;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.FloatRoundingBackend;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.model.MixingDecoder;
import org.specsoc.api.model.TrainingListener;
import org.specsoc.api.plugin.RandomStreams;

class TrainerTest {
    /** Faster than the authors' 5e-5 / 0.99 so that tests converge in a few dozen epochs. */
    private static final AdamSettings FAST = new AdamSettings(3e-3f, 0.9f, 0.999f, 1e-8f);

    private final ReferenceBackend backend = new ReferenceBackend();
    private final MixedSpectra world = new MixedSpectra(16, 3, 2.4);

    private TrainingSettings settings(int epochs, int batch) {
        return TrainingSettings.authors(epochs).withBatchSize(batch).withAdam(FAST)
                .withEvaluation(5, BatchNormMode.INFERENCE);
    }

    private Trainer trainer(String decoder, TrainingSettings settings, long seed, List<TrainingListener> listeners) {
        JointModel model = Models.build(backend, decoder, world.wavelengths, world.latent(), 12, 2, world.minerals);
        return new Trainer(model, settings, new RandomStreams(seed), listeners);
    }

    /** Records per-epoch metrics. */
    static final class Recorder implements TrainingListener {
        final List<Map<String, Double>> epochs = new ArrayList<>();
        Map<String, Double> end;

        @Override
        public void onEpochEnd(String runId, int epoch, int total, Map<String, Double> metrics) {
            epochs.add(Map.copyOf(metrics));
        }

        @Override
        public void onTrainingEnd(String runId, Map<String, Double> finalMetrics) {
            end = finalMetrics;
        }
    }

    @Test
    void lossFallsAndTrainingSocRmseDropsBelowHalfTheLabelSpread() {
        SpectralDataset train = world.sample(400, 0.10, 0, 0.002, 1);
        SpectralDataset validation = world.sample(100, 0.10, 0, 0.002, 2);
        // Before training the SOC column is about 1/K = 25 %; labels are uniform in [0, 10] % (sd 2.9 %), so
        // predicting their mean would give an RMSE of 2.9 %. The threshold asks for half of that.
        for (String decoder : new String[] {"none", "ann"}) {
            var recorder = new Recorder();
            TrainingResult result = trainer(decoder, settings(80, 50), 3, List.of(recorder))
                    .train(train, validation, "t-" + decoder);
            double first = recorder.epochs.get(0).get("loss");
            double last = recorder.epochs.get(recorder.epochs.size() - 1).get("loss");
            assertThat(last).as(decoder + " loss").isLessThan(first / 10);
            assertThat(result.training().rmse()).as(decoder + " training RMSE (%)").isLessThan(1.45);
            assertThat(result.training().r2()).as(decoder + " training R2").isGreaterThan(0.7);
            assertThat(result.validation().rmse()).as(decoder + " validation RMSE (%)").isLessThan(2.0);
            assertThat(recorder.epochs).hasSize(80);
            assertThat(recorder.epochs.get(4)).containsKeys("train.rmse", "train.r2", "validation.bias");
            assertThat(recorder.epochs.get(3)).doesNotContainKey("train.rmse");
            assertThat(recorder.end).containsKey("validation.rmse");
            if (decoder.equals("ann")) {
                assertThat(result.training().mrmse()).isPositive();
                assertThat(recorder.epochs.get(79).get("loss.reconstruction"))
                        .isLessThan(recorder.epochs.get(0).get("loss.reconstruction") / 2);
            } else {
                assertThat(result.training().mrmse()).isNaN();
            }
        }
    }

    @Test
    void linearMixingRecoversThePlantedSocSpectrumAndRhoR() {
        // The planted (rho r)_SOC = 3.5 is far from the initial value, the minerals' mean 1.9.
        MixedSpectra planted = new MixedSpectra(16, 3, 3.5);
        SpectralDataset train = planted.sample(600, 0.5, 0, 0, 4);
        // sigma_SOC 0.02 (not 0.0041) balances the two loss terms on this small problem; lr 1e-2 for speed.
        TrainingSettings s = new TrainingSettings(100, 30, new AdamSettings(1e-2f, 0.9f, 0.999f, 1e-8f), 0.02, 0.01,
                50, BatchNormMode.INFERENCE, Freeze.NONE, 0);
        JointModel model = Models.build(backend, "linear-mixing", planted.wavelengths, planted.latent(), 24, 2,
                planted.minerals);
        var decoder = (MixingDecoder) model.decoder();
        var trainer = new Trainer(model, s, new RandomStreams(5), List.of());
        assertThat(decoder.socRhoR()).isCloseTo(1.9, within(1e-6));
        TrainingResult result = trainer.train(train, null, "mixing");
        assertThat(MixedSpectra.pearson(decoder.socSpectrum(), planted.socSpectrum)).isGreaterThanOrEqualTo(0.95);
        // (rho r)_SOC is only weakly identified (the encoder's mineral fractions can partly compensate), so it
        // drifts slowly: 20 % is the tolerance here.
        assertThat(decoder.socRhoR()).isCloseTo(3.5, within(0.7));
        assertThat(result.training().mrmse()).isLessThan(1.5);
        assertThat(result.training().rmse()).isLessThan(2.0);
    }

    @Test
    void sameSeedGivesIdenticalResultsAndAnotherSeedDoesNot() {
        SpectralDataset train = world.sample(200, 0.1, 0, 0.002, 6);
        float[] a = run(train, 7);
        assertThat(run(train, 7)).containsExactly(a);
        assertThat(Arrays.equals(run(train, 8), a)).isFalse();
    }

    private float[] run(SpectralDataset train, long seed) {
        var t = trainer("ann", settings(3, 50), seed, List.of());
        t.train(train, null, "seed");
        return t.model().parameterValues();
    }

    @Test
    void resumingFromACheckpointContinuesBitIdentically() {
        SpectralDataset train = world.sample(200, 0.1, 60, 0.002, 9);
        TrainingSettings six = new TrainingSettings(6, 50, FAST, 0.0041, 0.01, 2, BatchNormMode.BATCH_STATISTICS,
                Freeze.NONE, 3);
        var saved = new ArrayList<TrainingState>();
        // Float storage, as on a real backend: the checkpoint then holds exactly the state the run holds.
        var floats = new FloatRoundingBackend();
        var uninterrupted = new Trainer(Models.build(floats, "linear-mixing", world.wavelengths, world.latent(), 12, 2,
                world.minerals), six, new RandomStreams(10), List.of());
        uninterrupted.checkpointTo(saved::add);
        uninterrupted.train(train, null, "whole");
        assertThat(saved).extracting(TrainingState::epoch).containsExactly(3, 6);

        var resumed = new Trainer(Models.build(floats, "linear-mixing", world.wavelengths, world.latent(), 12, 2,
                world.minerals), six, new RandomStreams(10), List.of());
        resumed.resume(saved.get(0));
        resumed.train(train, null, "resumed");
        TrainingState end = resumed.state();
        TrainingState expected = uninterrupted.state();
        assertThat(end.epoch()).isEqualTo(6);
        assertThat(end.adamStep()).isEqualTo(expected.adamStep());
        assertThat(end.parameters()).containsExactly(expected.parameters());
        assertThat(end.state()).containsExactly(expected.state());
        assertThat(end.adamM()).containsExactly(expected.adamM());
        assertThat(end.adamV()).containsExactly(expected.adamV());
    }

    @Test
    void frozenPartsKeepTheirParameters() {
        SpectralDataset train = world.sample(200, 0.1, 0, 0.002, 11);
        for (Freeze freeze : new Freeze[] {Freeze.ENCODER, Freeze.DECODER}) {
            var t = trainer("ann", settings(2, 50).withFreeze(freeze), 12, List.of());
            JointModel model = t.model();
            float[] before = model.parameterValues();
            t.startFrom(before, model.stateValues());
            t.train(train, null, "freeze");
            float[] after = model.parameterValues();
            int split = model.encoderParameterCount();
            boolean encoderSame = Arrays.equals(Arrays.copyOf(before, split), Arrays.copyOf(after, split));
            boolean decoderSame = Arrays.equals(Arrays.copyOfRange(before, split, before.length),
                    Arrays.copyOfRange(after, split, after.length));
            assertThat(encoderSame).as(freeze + ": encoder unchanged").isEqualTo(freeze == Freeze.ENCODER);
            assertThat(decoderSame).as(freeze + ": decoder unchanged").isEqualTo(freeze == Freeze.DECODER);
        }
    }

    @Test
    void unlabelledSpectraArePairedWithLabelledBatches() {
        // 300 unlabelled + 40 labelled: 6 steps of 50 unlabelled with floor(40 / 6) = 6 labelled each.
        SpectralDataset train = world.sample(340, 0.1, 300, 0.002, 13);
        var plan = Trainer.BatchPlan.of(train, 50, true);
        assertThat(plan.paired()).isTrue();
        assertThat(plan.steps()).isEqualTo(6);
        assertThat(plan.sizes()).containsExactly(50, 6);
        // Without a decoder the unlabelled spectra are useless: batches of labelled rows only.
        assertThatThrownBy(() -> Trainer.BatchPlan.of(train, 50, false)).hasMessageContaining("40 labelled")
                .hasMessageContaining("train.batch-size");
        var recorder = new Recorder();
        trainer("ann", settings(10, 50), 14, List.of(recorder)).train(train, null, "paired");
        assertThat(recorder.epochs.get(9).get("loss")).isLessThan(recorder.epochs.get(0).get("loss"));
        assertThat(recorder.epochs.get(9).get("train.rmse")).isPositive();
    }

    @Test
    void nanLossStopsTrainingWithAClearMessage() {
        SpectralDataset clean = world.sample(100, 0.1, 0, 0, 15);
        float[] spectra = clean.spectra().clone();
        spectra[5] = Float.NaN;
        var poisoned = new SpectralDataset(spectra, clean.wavelengths(), clean.socLabels(), clean.ids(), Map.of(),
                DatasetProvenance.of("poisoned"));
        assertThatThrownBy(() -> trainer("ann", settings(3, 50), 16, List.of()).train(poisoned, null, "nan"))
                .isInstanceOf(TrainingDivergedException.class).hasMessageContaining("epoch 1");
    }

    @Test
    void configurationDefaultsAreTheAuthorsSettings() {
        PluginConfig train = PluginConfig.of(TrainingConfig.TRAIN.spec(), Map.of());
        PluginConfig loss = PluginConfig.of(TrainingConfig.LOSS.spec(), Map.of());
        PluginConfig eval = PluginConfig.of(TrainingConfig.EVAL.spec(), Map.of());
        TrainingSettings s = TrainingSettings.from(train, loss, eval);
        assertThat(s).isEqualTo(TrainingSettings.authors(1000));
        assertThat(s.adam()).isEqualTo(AdamSettings.authors());
        PluginConfig authorsEval = PluginConfig.of(TrainingConfig.EVAL.spec(), Map.of("batchnorm",
                "batch-statistics"));
        assertThat(TrainingSettings.from(train, loss, authorsEval).evalBatchNorm())
                .isEqualTo(BatchNormMode.BATCH_STATISTICS);
    }

    @Test
    void metricsFollowTheAuthorsDefinitions() {
        float[] truth = {0.01f, 0.02f, 0.03f, Float.NaN};
        float[] pred = {0.02f, 0.02f, 0.01f, 0.5f};
        Metrics m = Metrics.of(pred, truth, new double[] {0.0001, 0.0004});
        assertThat(m.rmse()).isCloseTo(Math.sqrt((1e-4 + 0 + 4e-4) / 3) * 100, within(1e-4));
        assertThat(m.bias()).isCloseTo((0.01 - 0.02) / 3 * 100, within(1e-4));
        assertThat(m.r2()).isCloseTo(1 - 5e-4 / 2e-4, within(1e-4));
        assertThat(m.mrmse()).isCloseTo((0.01 + 0.02) / 2 * 100, within(1e-9));
        assertThat(m.labelled()).isEqualTo(3);
    }
}
