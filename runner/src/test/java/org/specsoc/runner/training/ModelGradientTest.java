package org.specsoc.runner.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.api.testing.GradientCheck;

/**
 * Finite-difference check of the whole loss (encoder + decoder + eq. (1), penalty included) with respect to
 * every trainable parameter, on a step made of an unlabelled part and a partly labelled part.
 */
class ModelGradientTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @ParameterizedTest
    @ValueSource(strings = {"none", "ann", "linear-mixing"})
    void lossGradientMatchesFiniteDifferences(String decoder) {
        MixedSpectra world = new MixedSpectra(12, 3, 2.4);
        JointModel model = Models.build(backend, decoder, world.wavelengths, world.latent(), 6, 2, world.minerals);
        model.initialise(new RandomStreams(5).child("init"));
        if (decoder.equals("linear-mixing")) {
            // Push f_SOC around and two values just outside [0, 1], so that the multiplicative penalty and its
            // gradient take part. The factor stays small: alpha passes through the host in float, and a large
            // factor would amplify that rounding beyond what central differences can resolve.
            float[] p = model.parameterValues();
            int f = model.encoderParameterCount();
            float[] noise = GradientCheck.randomValues(12, -0.3, 0.3, 3);
            for (int i = 0; i < 12; i++) {
                p[f + i] += noise[i];
            }
            p[f + 3] = -0.03f;
            p[f + 8] = 1.02f;
            model.loadParameters(p);
            assertThat(model.trainableDecoder().lossFactor()).isBetween(1.5, 3.0);
        }
        SpectralDataset data = world.sample(9, 0.3, 2, 0.01, 7);
        Buffer x = backend.allocate(data.spectra(), 9, 12);
        Buffer y = backend.allocate(data.socLabels(), 9, 1);
        var parts = List.of(
                new SocLoss.Part(backend.view(x, 0, 4, 12), backend.view(y, 0, 4, 1), 2),
                new SocLoss.Part(backend.view(x, 4 * 12, 5, 12), backend.view(y, 4, 5, 1), 5));
        // Larger sigmas than the authors' keep both terms of comparable size, so both are really checked.
        SocLoss loss = new SocLoss(model, 0.05, 0.05);
        SocLoss.StepLoss first = loss.forwardBackward(parts);
        assertThat(first.soc()).isPositive();
        if (!decoder.equals("none")) {
            assertThat(first.reconstruction()).isPositive();
        }
        double[] analytic = backend.values(model.gradients());
        boolean hostMixing = decoder.equals("linear-mixing");
        var bad = GradientCheck.compare(backend, model.parameters(), analytic,
                () -> loss.forwardBackward(parts).total(), 250, 11, hostMixing ? 1e-3 : 1e-4,
                hostMixing ? 5e-3 : 1e-4, hostMixing ? 1e-3 : 1e-6);
        assertThat(bad).isEmpty();
    }
}
