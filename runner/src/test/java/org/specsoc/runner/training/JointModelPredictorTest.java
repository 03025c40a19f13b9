package org.specsoc.runner.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.AdamSettings;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.FloatRoundingBackend;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.plugin.RandomStreams;

class JointModelPredictorTest {

    @Test
    void predictionsMatchEvaluationAndSurviveAReloadOfParametersAndState() {
        var backend = new FloatRoundingBackend();
        var world = new MixedSpectra(16, 3, 2.4);
        SpectralDataset train = world.sample(200, 0.1, 0, 0.002, 1);
        var settings = TrainingSettings.authors(3).withBatchSize(50)
                .withAdam(new AdamSettings(3e-3f, 0.9f, 0.999f, 1e-8f));
        var trainer = new Trainer(Models.build(backend, "ann", world.wavelengths, world.latent(), 8, 2,
                world.minerals), settings, new RandomStreams(2), List.of());
        TrainingResult result = trainer.train(train, null, "p");
        JointModel model = trainer.model();

        var predictor = new JointModelPredictor(model, BatchNormMode.INFERENCE);
        float[] soc = new float[200];
        float[] mrmse = new float[200];
        float[] rec = new float[200 * 16];
        predictor.predict(train.spectra(), 200, soc, mrmse, rec);
        Metrics again = Metrics.of(soc, train.socLabels(), square(mrmse));
        assertThat(again.rmse()).isCloseTo(result.training().rmse(), within(1e-4));
        assertThat(again.mrmse()).isCloseTo(result.training().mrmse(), within(1e-4));

        // One spectrum alone gives the same answer with running statistics.
        float[] one = new float[1];
        predictor.predict(train.spectrum(7), 1, one, new float[1], null);
        assertThat(one[0]).isEqualTo(soc[7]);

        // A fresh model loaded with the saved parameters and state predicts identically (what an archive does).
        JointModel copy = Models.build(backend, "ann", world.wavelengths, world.latent(), 8, 2, world.minerals);
        copy.loadParameters(model.parameterValues());
        copy.loadState(model.stateValues());
        float[] soc2 = new float[200];
        float[] mrmse2 = new float[200];
        new JointModelPredictor(copy, BatchNormMode.INFERENCE).predict(train.spectra(), 200, soc2, mrmse2, null);
        assertThat(soc2).containsExactly(soc);
        assertThat(mrmse2).containsExactly(mrmse);
    }

    private static double[] square(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (double) v[i] * v[i];
        }
        return out;
    }
}
