package org.specsoc.encoders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.model.TrainableEncoder;
import org.specsoc.api.plugin.SpectralPlugin;
import org.specsoc.api.testing.GradientCheck;

class MlpEncoderTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    private static ModelShape shape(int bands, int latent) {
        return new ModelShape(IntStream.range(0, bands).mapToDouble(i -> 365 + i).toArray(), latent);
    }

    @Test
    void authorsConfigurationHasExactlyThePaperCodeParameterCount() {
        var factory = new MlpEncoderFactory();
        var config = PluginConfig.of(factory.configSpec(), Map.of());
        var encoder = (TrainableEncoder) factory.create(config, null, shape(2136, config.getInt("latent")));
        assertThat(encoder.parameterCount()).isEqualTo(1_938_189);
        assertThat(encoder.socColumn()).isEqualTo(92);
        // Running mean and variance of the input BatchNorm and of the four hidden ones.
        assertThat(encoder.stateCount()).isEqualTo(2 * 2136 + 4 * 2 * 512);
    }

    @Test
    void keysChangeTheArchitecture() {
        var factory = new MlpEncoderFactory();
        var config = PluginConfig.of(factory.configSpec(), Map.of("hidden", "8", "blocks", "2"));
        var encoder = (MlpEncoder) factory.create(config, null, shape(10, 4));
        // 2*10 + (10+3)*8 + 1*(64+24) + 9*4
        assertThat(encoder.parameterCount()).isEqualTo(20 + 104 + 88 + 36);
    }

    @Test
    void outputsAreMassFractionsAndGradientsMatchFiniteDifferences() {
        var encoder = new MlpEncoder(shape(12, 5), 8, 3);
        Buffer p = backend.allocate(1, encoder.parameterCount());
        Buffer g = backend.allocate(1, encoder.parameterCount());
        encoder.bind(backend, p, g, backend.allocate(1, encoder.stateCount()));
        encoder.initialise(7);
        int batch = 7;
        Buffer x = backend.allocate(GradientCheck.randomValues(batch * 12, 0.05, 0.9, 3), batch, 12);
        double[] y = backend.values(encoder.forward(x, BatchNormMode.TRAINING));
        for (int r = 0; r < batch; r++) {
            double sum = 0;
            for (int k = 0; k < 5; k++) {
                assertThat(y[r * 5 + k]).isGreaterThan(0);
                sum += y[r * 5 + k];
            }
            assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
        }
        float[] weights = GradientCheck.randomValues(batch * 5, -1, 1, 4);
        Buffer dOut = backend.allocate(weights, batch, 5);
        assertThat(encoder.backward(dOut)).isNull();
        double[] analytic = backend.values(g);
        var bad = GradientCheck.compare(backend, p, analytic, () -> {
            double[] out = backend.values(encoder.forward(x, BatchNormMode.BATCH_STATISTICS));
            double s = 0;
            for (int i = 0; i < out.length; i++) {
                s += out[i] * weights[i];
            }
            return s;
        }, 300, 5, 1e-4, 1e-4, 1e-7);
        assertThat(bad).isEmpty();
    }

    @Test
    void registeredAsAPlugin() {
        assertThat(ServiceLoader.load(SpectralPlugin.class).stream()
                .flatMap(p -> p.get().encoderFactories().stream()).map(f -> f.name()))
                .contains("mlp");
    }
}
