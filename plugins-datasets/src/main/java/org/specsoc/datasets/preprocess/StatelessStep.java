package org.specsoc.datasets.preprocess;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.specsoc.api.data.PreprocessingStep;
import org.specsoc.api.data.SpectralDataset;

/** A step whose fitted form does not depend on the training data: fitting returns the same function. */
record StatelessStep(String name, Map<String, Object> state, UnaryOperator<SpectralDataset> function)
        implements PreprocessingStep, PreprocessingStep.Fitted {

    @Override
    public Fitted fit(SpectralDataset training) {
        return this;
    }

    @Override
    public SpectralDataset apply(SpectralDataset data) {
        return function.apply(data);
    }
}
