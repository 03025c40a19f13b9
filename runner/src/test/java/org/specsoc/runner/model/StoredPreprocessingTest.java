package org.specsoc.runner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.PreprocessingStep;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.runner.wiring.PluginKind;
import org.specsoc.runner.wiring.PluginRegistry;

class StoredPreprocessingTest {
    private static final Map<String, PreprocessorFactory> FACTORIES = PluginRegistry
            .discover(StoredPreprocessingTest.class.getClassLoader())
            .factories(PluginKind.PREPROCESSOR, PreprocessorFactory.class);

    private static PreprocessingStep.Fitted fitted(String name, Map<String, String> keys, SpectralDataset data) {
        PreprocessorFactory f = FACTORIES.get(name);
        return f.create(f.configSpec().bind("preprocess." + name + ".", keys), null).fit(data);
    }

    private static SpectralDataset data() {
        double[] grid = IntStream.range(0, 40).mapToDouble(i -> 400 + 5 * i).toArray();
        float[] x = new float[3 * 40];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 + 0.2 * Math.sin(i / 7.0));
        }
        x[2 * 40 + 3] = 1.5f;   // a dead pixel: the dead-pixel step would drop this spectrum
        return new SpectralDataset(x, grid, new float[] {0.01f, 0.02f, 0.03f}, new String[] {"a", "b", "c"},
                Map.of(), DatasetProvenance.of("test"));
    }

    @Test
    void describedStepsRestoreToTheSameTransformAndRowFiltersAreLeftOut() {
        SpectralDataset d = data();
        var steps = List.of(fitted("dead-pixel", Map.of(), d), fitted("resample", Map.of("start", "410",
                "end", "580", "step", "2.5"), d), fitted("savitzky-golay", Map.of("m", "1", "w", "7"), d),
                fitted("snv", Map.of(), d));
        var stored = StoredPreprocessing.describe(steps);
        assertThat(stored).extracting(m -> m.get("name"))
                .containsExactly("dead-pixel", "resample", "savitzky-golay", "snv");
        assertThat(stored.get(1)).containsEntry("step", "2.5");   // the resample step's own key survives

        StoredPreprocessing restored = StoredPreprocessing.restore(stored, FACTORIES);
        assertThat(restored.steps()).extracting(PreprocessingStep.Fitted::name)
                .containsExactly("resample", "savitzky-golay", "snv");
        SpectralDataset expected = steps.get(3).apply(steps.get(2).apply(steps.get(1).apply(d)));
        SpectralDataset got = restored.apply(d);
        assertThat(got.rows()).isEqualTo(3);
        assertThat(got.wavelengths()).containsExactly(expected.wavelengths());
        assertThat(got.spectra()).containsExactly(expected.spectra());
        assertThat(StoredPreprocessing.of(steps).apply(d).spectra()).containsExactly(expected.spectra());
    }

    @Test
    void anUninstalledStepIsNamed() {
        assertThatThrownBy(() -> StoredPreprocessing.restore(List.of(Map.of("name", "wavelet")), FACTORIES))
                .hasMessageContaining("'wavelet' is not installed").hasMessageContaining("savitzky-golay");
    }
}
