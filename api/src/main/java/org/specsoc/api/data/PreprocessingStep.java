package org.specsoc.api.data;

import java.util.Map;

/**
 * One configured step of the preprocessing chain. It is fitted on training data only; the fitted step is
 * applied to every set and stored in the model archive through its {@link Fitted#state()}.
 */
public interface PreprocessingStep {

    /** The factory name, e.g. {@code savitzky-golay}. */
    String name();

    Fitted fit(SpectralDataset training);

    /** A fitted step: pure function of its state. */
    interface Fitted {
        String name();

        SpectralDataset apply(SpectralDataset data);

        /** Everything needed to re-create this step (parameters and fitted values), JSON-serialisable. */
        Map<String, Object> state();
    }
}
