package org.specsoc.runner.testing;

import java.util.Set;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.runner.wiring.ExperimentType;
import org.specsoc.runner.wiring.PluginKind;
import org.specsoc.runner.wiring.RunEnvironment;

/** An experiment type that hands its environment to the test. */
public record FakeExperimentType(String name, ConfigSpec configSpec, Set<PluginKind> requiredPlugins,
                                 Action action) implements ExperimentType {

    /** What the experiment does with its environment. */
    @FunctionalInterface
    public interface Action {
        void run(RunEnvironment environment) throws Exception;
    }

    @Override
    public String description() {
        return "test experiment " + name;
    }

    @Override
    public void run(RunEnvironment environment) throws Exception {
        action.run(environment);
    }
}
