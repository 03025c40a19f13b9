package org.specsoc.runner.experiment;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.data.PreprocessingStep;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.runner.wiring.PluginKind;
import org.specsoc.runner.wiring.RunEnvironment;
import org.specsoc.runner.wiring.SelectedPlugin;

/**
 * Applies {@code preprocess.steps} to a sweep's data set once, right after loading and before any split, so
 * that every run of every experiment type ({@code split}, {@code loro}, {@code finetune}, {@code train}) trains
 * and is evaluated on the preprocessed spectra, and a saved model stores the fitted steps for prediction.
 *
 * <p>Each step is fitted on the data as the steps before it left it (the whole data set). That leaks nothing
 * into validation because every installed step is a fixed function of its parameters (its fit ignores the
 * data: cut, resample, absorbance, reflectance, dead-pixel, snv, savitzky-golay); a step that learned from the
 * data, such as mean centring, would have to be fitted per run on its training rows instead. Row filters
 * ({@code dead-pixel}) drop spectra here, before planning, so the splits never see them.
 */
final class SweepPreprocessing {
    private static final Logger LOG = LoggerFactory.getLogger(SweepPreprocessing.class);

    private SweepPreprocessing() {
    }

    /** The preprocessed data and the fitted steps, in order (empty when {@code preprocess.steps} is empty). */
    record Prepared(SpectralDataset data, List<PreprocessingStep.Fitted> steps) {
        Prepared {
            steps = List.copyOf(steps);
        }
    }

    static Prepared apply(RunEnvironment environment, SpectralDataset raw) {
        List<SelectedPlugin<PreprocessorFactory>> chain = environment.preprocessors();
        if (chain.isEmpty()) {
            return new Prepared(raw, List.of());
        }
        var fitted = new ArrayList<PreprocessingStep.Fitted>();
        SpectralDataset current = raw;
        RandomStreams random = new RandomStreams(0).child("preprocess");
        for (SelectedPlugin<PreprocessorFactory> step : chain) {
            try {
                PreprocessingStep created = step.factory().create(step.config(),
                        environment.pluginContext(random.child(step.name())));
                PreprocessingStep.Fitted f = created.fit(current);
                current = f.apply(current);
                fitted.add(f);
            } catch (ConfigurationException e) {
                throw e;
            } catch (IllegalArgumentException | IllegalStateException e) {
                // A grid the data do not cover, a window longer than the spectrum...: the configuration's fault.
                throw new ConfigurationException("key '" + PluginKind.PREPROCESSOR.selectorKey() + "': step '"
                        + step.name() + "' (keys " + PluginKind.PREPROCESSOR.keyPrefix(step.name())
                        + "*) cannot be applied to the data set: " + e.getMessage());
            }
            if (current.rows() == 0) {
                throw new ConfigurationException("key '" + PluginKind.PREPROCESSOR.selectorKey() + "': step '"
                        + step.name() + "' left no spectrum of the data set");
            }
        }
        LOG.info("Preprocessing {}: {} spectra x {} bands -> {} spectra x {} bands ({}..{} nm)",
                chain.stream().map(SelectedPlugin::name).toList(), raw.rows(), raw.bands(), current.rows(),
                current.bands(), current.wavelengths()[0], current.wavelengths()[current.bands() - 1]);
        return new Prepared(current, fitted);
    }
}
