package org.specsoc.runner.experiment;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.specsoc.api.data.PreprocessingStep;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.data.SpectralDataset;

/**
 * The data a sweep runs on: the loaded data set after {@code preprocess.steps}, the source it came from (for
 * its endmember library), what is known about how it was made (when it was synthetic), the fitted
 * preprocessing steps and the grid of the raw spectra before them (what a saved model stores, so that
 * {@code specsoc predict} takes raw spectra).
 *
 * @param dataset       the data set the runs use, preprocessed
 * @param preprocessing the fitted steps, in order; empty without preprocessing
 * @param dataGrid      wavelengths of the raw spectra, before preprocessing
 */
public record ExperimentData(SpectralDataSource source, SpectralDataset dataset, Optional<GroundTruth> truth,
                             List<PreprocessingStep.Fitted> preprocessing, double[] dataGrid) {

    public ExperimentData {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(truth, "truth");
        preprocessing = List.copyOf(preprocessing);
        dataGrid = dataGrid.clone();
    }

    /** Data used as loaded, without preprocessing. */
    public ExperimentData(SpectralDataSource source, SpectralDataset dataset, Optional<GroundTruth> truth) {
        this(source, dataset, truth, List.of(), dataset.wavelengths());
    }

    @Override
    public double[] dataGrid() {
        return dataGrid.clone();
    }
}
