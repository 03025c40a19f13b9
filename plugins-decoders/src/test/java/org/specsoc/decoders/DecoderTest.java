package org.specsoc.decoders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.model.TrainableDecoder;
import org.specsoc.api.plugin.SpectralPlugin;
import org.specsoc.api.testing.GradientCheck;

class DecoderTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    private static ModelShape shape(int firstNm, int bands, int latent) {
        return new ModelShape(IntStream.range(0, bands).mapToDouble(i -> firstNm + i).toArray(), latent);
    }

    @Test
    void annDecoderHasThePaperCodeParameterCount() {
        var f = new AnnDecoderFactory();
        var d = (TrainableDecoder) f.create(PluginConfig.of(f.configSpec(), Map.of()), null, shape(365, 2136, 93));
        assertThat(d.parameterCount()).isEqualTo(1_936_146);
        assertThat(d.reconstructs()).isTrue();
    }

    @Test
    void linearMixingDecoderHasThePaperCodeParameterCountAndImposesTheLatentSize() {
        var f = new LinearMixingDecoderFactory();
        var context = new LibraryContext(LibraryContext.synthetic(92, 350, 2500));
        var config = PluginConfig.of(f.configSpec(), Map.of());
        assertThat(f.requiredLatent(config, context)).hasValue(93);
        var d = (LinearMixingDecoder) f.create(config, context, shape(365, 2136, 93));
        assertThat(d.parameterCount()).isEqualTo(2_137);
        assertThat(d.endmemberNames()).hasSize(92).startsWith("mineral-0");
    }

    @Test
    void noDecoderDoesNotReconstruct() {
        var f = new NoDecoderFactory();
        assertThat(f.create(PluginConfig.of(f.configSpec(), Map.of()), null, shape(365, 10, 3)).reconstructs())
                .isFalse();
    }

    @Test
    void datasetLibraryMissingIsAClearConfigurationError() {
        var f = new LinearMixingDecoderFactory();
        var config = PluginConfig.of(f.configSpec(), Map.of());
        assertThatThrownBy(() -> f.requiredLatent(config, new LibraryContext(null)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("endmembers");
        var fileConfig = PluginConfig.of(f.configSpec(), Map.of("endmembers", "no-such-library.csv"));
        assertThatThrownBy(() -> f.requiredLatent(fileConfig, new LibraryContext(null)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no-such-library.csv");
    }

    @Test
    void libraryIsInterpolatedLinearlyAndNeverExtrapolated() {
        var lib = new SpectralLibrary(List.of("a"), new double[] {400, 410, 430}, new float[][] {{0.1f, 0.3f, 0.7f}},
                new double[] {1.5}, "tiny");
        var e = Endmembers.resample(lib, new double[] {400, 405, 420, 430});
        assertThat(e.spectra()).containsExactly(new float[] {0.1f, 0.2f, 0.5f, 0.7f}, within(1e-6f));
        assertThatThrownBy(() -> Endmembers.resample(lib, new double[] {390, 400}))
                .hasMessageContaining("tiny").hasMessageContaining("390");
        var f = new LinearMixingDecoderFactory();
        var config = f.configSpec().bind("decoder.", Map.of());
        assertThatThrownBy(() -> f.create(config, new LibraryContext(lib), shape(300, 5, 2)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("decoder.endmembers")
                .hasMessageContaining("tiny");
    }

    @Test
    void missingRhoRIsRefusedUnlessTheAblationIsOn() {
        var lib = new SpectralLibrary(List.of("a", "b"), new double[] {400, 500}, new float[][] {{0.1f, 0.3f},
                {0.2f, 0.4f}}, null, "no-rho");
        var f = new LinearMixingDecoderFactory();
        assertThatThrownBy(() -> f.create(PluginConfig.of(f.configSpec(), Map.of()), new LibraryContext(lib),
                shape(400, 50, 3))).hasMessageContaining("'a'").hasMessageContaining("rho-r.enabled");
        var ablation = PluginConfig.of(f.configSpec(), Map.of("rho-r.enabled", "false"));
        assertThat(f.create(ablation, new LibraryContext(lib), shape(400, 50, 3))).isNotNull();
    }

    @Test
    void pluginRegistersAllThreeDecoders() {
        assertThat(ServiceLoader.load(SpectralPlugin.class).stream()
                .flatMap(p -> p.get().decoderFactories().stream()).map(f -> f.name()))
                .contains("none", "ann", "linear-mixing");
    }

    /** Binds {@code d} and returns {params, grads}. */
    private Buffer[] bind(TrainableDecoder d, long seed) {
        Buffer p = backend.allocate(1, d.parameterCount());
        Buffer g = backend.allocate(1, d.parameterCount());
        d.bind(backend, p, g, d.stateCount() == 0 ? null : backend.allocate(1, d.stateCount()));
        d.initialise(seed);
        return new Buffer[] {p, g};
    }

    /** Rows of positive fractions summing to 1. */
    private Buffer fractions(int rows, int latent, long seed) {
        float[] v = GradientCheck.randomValues(rows * latent, 0.05, 1, seed);
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int k = 0; k < latent; k++) {
                s += v[r * latent + k];
            }
            for (int k = 0; k < latent; k++) {
                v[r * latent + k] /= (float) s;
            }
        }
        return backend.allocate(v, rows, latent);
    }

    private void gradientCheck(TrainableDecoder d, Buffer[] pg, Buffer m, double step, double relTol) {
        int rows = m.rows();
        int bands = d.shape().bands();
        float[] weights = GradientCheck.randomValues(rows * bands, -1, 1, 99);
        java.util.function.DoubleSupplier loss = () -> {
            double[] y = backend.values(d.forward(m, BatchNormMode.BATCH_STATISTICS));
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                s += y[i] * weights[i];
            }
            return s;
        };
        d.forward(m, BatchNormMode.TRAINING);
        double[] dm = backend.values(d.backward(backend.allocate(weights, rows, bands)));
        double[] analytic = backend.values(pg[1]);
        assertThat(GradientCheck.compare(backend, pg[0], analytic, loss, 200, 1, step, relTol, 1e-6)).isEmpty();
        assertThat(GradientCheck.compare(backend, m, dm, loss, 200, 2, step, relTol, 1e-6)).isEmpty();
    }

    @Test
    void annDecoderGradientsMatchFiniteDifferences() {
        var d = new AnnDecoder(shape(400, 11, 4), 6, 2);
        gradientCheck(d, bind(d, 3), fractions(5, 4, 4), 1e-4, 1e-4);
    }

    @Test
    void linearMixingGradientsMatchFiniteDifferences() {
        for (boolean rho : new boolean[] {true, false}) {
            var lib = LibraryContext.synthetic(4, 400, 420);
            var d = new LinearMixingDecoder(shape(400, 21, 5), Endmembers.resample(lib, shape(400, 21, 5)
                    .wavelengths()), rho, 1000);
            Buffer[] pg = bind(d, 1);
            // A non-trivial SOC spectrum and (rho r)_SOC, so that every gradient term is exercised.
            float[] p = backend.download(pg[0]);
            float[] noise = GradientCheck.randomValues(p.length, -0.3, 0.3, 8);
            for (int i = 0; i < p.length; i++) {
                p[i] += noise[i];
            }
            backend.upload(p, pg[0]);
            // alpha passes through the host in float, hence the larger step and tolerance.
            gradientCheck(d, pg, fractions(6, 5, 5), 1e-2, 2e-3);
            if (!rho) {
                assertThat(backend.download(pg[1])[21]).as("frozen (rho r)_SOC gets no gradient").isZero();
            }
        }
    }

    @Test
    void linearMixingOutputIsTheRhoRWeightedMixture() {
        var lib = LibraryContext.synthetic(2, 400, 402);
        var d = new LinearMixingDecoder(shape(400, 3, 3), Endmembers.resample(lib, shape(400, 3, 3).wavelengths()),
                true, 1000);
        bind(d, 1);
        Buffer m = backend.allocate(new float[] {0.2f, 0.3f, 0.5f}, 1, 3);
        double[] y = backend.values(d.forward(m, BatchNormMode.TRAINING));
        double[] rho = {lib.rhoR()[0], lib.rhoR()[1], d.initialSocRhoR()};
        double[] q = {0.2 / rho[0], 0.3 / rho[1], 0.5 / rho[2]};
        double s = q[0] + q[1] + q[2];
        for (int b = 0; b < 3; b++) {
            double expected = (q[0] * lib.spectra()[0][b] + q[1] * lib.spectra()[1][b] + q[2] * 0.5) / s;
            assertThat(y[b]).isCloseTo(expected, within(1e-6));
        }
        assertThat(d.initialSocRhoR()).isCloseTo((rho[0] + rho[1]) / 2, within(1e-12));
    }

    @Test
    void penaltyFactorAndItsGradientFollowTheAuthors() {
        var lib = LibraryContext.synthetic(2, 400, 405);
        var d = new LinearMixingDecoder(shape(400, 6, 3), Endmembers.resample(lib, shape(400, 6, 3).wavelengths()),
                true, 1000);
        Buffer[] pg = bind(d, 1);
        assertThat(d.lossFactor()).isEqualTo(1.0);
        float[] p = backend.download(pg[0]);
        float[] f = {-0.25f, 0.5f, 1.5f, 1.0f, 0.0f, 0.75f};
        System.arraycopy(f, 0, p, 0, 6);
        backend.upload(p, pg[0]);
        assertThat(d.lossFactor()).isCloseTo(1 + 1000 * (0.0625 + 0.25), within(1e-9));
        d.addLossFactorGradient(2.0);
        double[] analytic = backend.values(pg[1]);
        assertThat(analytic[0]).isCloseTo(2 * 1000 * 2 * -0.25, within(1e-9));
        assertThat(analytic[2]).isCloseTo(2 * 1000 * 2 * 0.5, within(1e-9));
        assertThat(analytic[1]).isZero();
        double[] half = new double[analytic.length];
        for (int i = 0; i < half.length; i++) {
            half[i] = analytic[i] / 2;
        }
        // At exactly 0 and 1 the derivative is 0 but the central difference is w * step / 2 (= 0.05 here).
        assertThat(GradientCheck.compare(backend, pg[0], half, d::lossFactor, 10, 1, 1e-4, 1e-6, 0.1)).isEmpty();
    }
}
