package org.specsoc.runner.training.sweep;

import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.runner.experiment.ExperimentData;
import org.specsoc.runner.experiment.RunFunction;
import org.specsoc.runner.experiment.RunFunctionFactory;
import org.specsoc.runner.wiring.RunEnvironment;

/**
 * The trainer behind every sweep ({@code split}, {@code loro}, {@code finetune}, {@code train}): reads what all
 * runs share once (the data source's endmember library) and hands out a {@link TrainerRunFunction}.
 */
public final class TrainerRunFunctionFactory implements RunFunctionFactory {

    @Override
    public RunFunction create(RunEnvironment environment, ExperimentData data) throws Exception {
        SpectralLibrary library = data.source().endmembers().orElse(null);
        return new TrainerRunFunction(environment, data, library);
    }
}
