package org.specsoc.datasets.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.PreprocessingStep;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.datasets.envi.SpectralCoverageException;

class PreprocessingTest {
    private static final Map<String, PreprocessorFactory> FACTORIES = PreprocessorFactories.all().stream()
            .collect(Collectors.toMap(PreprocessorFactory::name, Function.identity()));

    /** Three spectra on 400..420 nm at 2 nm: a ramp, a constant, and a quadratic. */
    private static SpectralDataset data() {
        double[] wl = new double[11];
        float[] s = new float[33];
        for (int b = 0; b < 11; b++) {
            wl[b] = 400 + 2 * b;
            s[b] = 0.1f + 0.02f * b;
            s[11 + b] = 0.5f;
            s[22 + b] = 0.2f + 0.001f * b * b;
        }
        return new SpectralDataset(s, wl, new float[] {0.01f, 0.02f, Float.NaN}, new String[] {"a", "b", "c"}, Map.of(),
                DatasetProvenance.of("test"));
    }

    private static PreprocessingStep step(String name, Map<String, String> keys) {
        PreprocessorFactory f = FACTORIES.get(name);
        return f.create(PluginConfig.of(f.configSpec(), keys), null);
    }

    @Test
    void cutKeepsTheInclusiveRange() {
        var d = step("cut", Map.of("min", "404", "max", "410")).fit(data()).apply(data());
        assertThat(d.wavelengths()).containsExactly(404, 406, 408, 410);
        assertThat(d.value(0, 0)).isEqualTo(data().value(0, 2));
    }

    @Test
    void resampleInterpolatesLinearlyAndRefusesUncoveredRanges() {
        var d = step("resample", Map.of("start", "401", "end", "419", "step", "3")).fit(data()).apply(data());
        assertThat(d.wavelengths()).containsExactly(401, 404, 407, 410, 413, 416, 419);
        // The ramp is linear in wavelength: 0.1 + 0.01 * (nm - 400).
        assertThat(d.value(0, 0)).isCloseTo(0.11f, within(1e-6f));
        assertThat(d.value(0, 2)).isCloseTo(0.17f, within(1e-6f));
        var wide = step("resample", Map.of("start", "390", "end", "420", "step", "1"));
        assertThatThrownBy(() -> wide.fit(data()).apply(data())).isInstanceOf(SpectralCoverageException.class)
                .hasMessageContaining("390.0..400.0");
    }

    @Test
    void absorbanceAndReflectanceAreInverse() {
        var a = step("absorbance", Map.of()).fit(data()).apply(data());
        assertThat(a.value(1, 0)).isCloseTo((float) -Math.log10(0.5), within(1e-6f));
        var back = step("reflectance", Map.of()).fit(a).apply(a);
        for (int i = 0; i < back.spectra().length; i++) {
            assertThat(back.spectra()[i]).isCloseTo(data().spectra()[i], within(1e-6f));
        }
    }

    @Test
    void deadPixelFilterDropsBadSpectra() {
        float[] s = data().spectra().clone();
        s[3] = Float.NaN;
        s[11 + 4] = 1.5f;
        var d = data().withSpectra(s, data().wavelengths());
        var kept = step("dead-pixel", Map.of()).fit(d).apply(d);
        assertThat(kept.ids()).containsExactly("c");
    }

    @Test
    void snvCentresAndScalesEachSpectrum() {
        var d = step("snv", Map.of()).fit(data()).apply(data());
        double mean = 0;
        double ss = 0;
        for (int b = 0; b < 11; b++) {
            mean += d.value(0, b);
        }
        mean /= 11;
        for (int b = 0; b < 11; b++) {
            ss += Math.pow(d.value(0, b) - mean, 2);
        }
        assertThat(mean).isCloseTo(0, within(1e-6));
        assertThat(Math.sqrt(ss / 10)).isCloseTo(1, within(1e-5));
        // A flat spectrum has no spread: it becomes zeros rather than NaN.
        assertThat(d.spectrum(1)).containsOnly(0f);
    }

    @Test
    void savitzkyGolayCoefficientsMatchTheTables() {
        double[] smooth = SpectralOps.savitzkyGolayCoefficients(0, 2, 5);
        double[] expected = {-3, 12, 17, 12, -3};
        for (int i = 0; i < 5; i++) {
            assertThat(smooth[i]).isCloseTo(expected[i] / 35, within(1e-12));
        }
        double[] slope = SpectralOps.savitzkyGolayCoefficients(1, 2, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(slope[i]).isCloseTo((i - 2) / 10.0, within(1e-12));
        }
    }

    @Test
    void savitzkyGolayDropsTheEdgesLikeProspectr() {
        var d = step("savitzky-golay", Map.of("m", "1", "p", "2", "w", "5")).fit(data()).apply(data());
        assertThat(d.bands()).isEqualTo(7);
        assertThat(d.wavelengths()[0]).isEqualTo(404);
        // The ramp rises 0.02 per band.
        for (int b = 0; b < 7; b++) {
            assertThat(d.value(0, b)).isCloseTo(0.02f, within(1e-6f));
        }
        // Second derivative of 0.001 b^2 is 0.002 per band^2, exactly, for p >= 2.
        var second = step("savitzky-golay", Map.of("m", "2", "p", "3", "w", "7")).fit(data()).apply(data());
        assertThat(second.value(2, 0)).isCloseTo(0.002f, within(1e-6f));
    }

    @Test
    void badSavitzkyGolayKeysAreConfigurationErrors() {
        assertThatThrownBy(() -> step("savitzky-golay", Map.of("w", "6"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("w").hasMessageContaining("odd");
        assertThatThrownBy(() -> step("savitzky-golay", Map.of("m", "3", "p", "2")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("m <= p");
    }

    @Test
    void chainRoundTripsThroughJson() throws IOException {
        List<PreprocessingStep> steps = List.of(step("cut", Map.of("min", "402", "max", "418")),
                step("savitzky-golay", Map.of("m", "0", "p", "2", "w", "3")), step("snv", Map.of()));
        var chain = PreprocessingChain.fit(steps, data());
        String json = chain.toJson();
        assertThat(json).contains("\"step\":\"cut\"").contains("\"w\":3");
        var restored = PreprocessingChain.fromJson(json, FACTORIES);
        assertThat(restored.apply(data()).spectra()).isEqualTo(chain.apply(data()).spectra());
        assertThat(restored.apply(data()).wavelengths()).isEqualTo(chain.apply(data()).wavelengths());
        assertThatThrownBy(() -> PreprocessingChain.fromJson("[{\"step\":\"wavelet\",\"state\":{}}]", FACTORIES))
                .hasMessageContaining("'wavelet' is not installed");
    }

    @SuppressWarnings("unused")
    private static Path unused() {
        return null;
    }
}
