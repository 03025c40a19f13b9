package org.specsoc.runner.experiment;

import org.specsoc.runner.wiring.RunEnvironment;

/**
 * Makes the {@link RunFunction} of a sweep from the run's environment (configuration, backend, listeners) and
 * its data. Bound in Guice with an {@code OptionalBinder}: the trainer's module sets the real one with
 * {@code OptionalBinder.newOptionalBinder(binder(), RunFunctionFactory.class).setBinding().to(...)}.
 */
@FunctionalInterface
public interface RunFunctionFactory {

    RunFunction create(RunEnvironment environment, ExperimentData data) throws Exception;

    /** The default binding: no trainer is installed. */
    static RunFunctionFactory missing() {
        return (environment, data) -> {
            throw new IllegalStateException("no trainer is installed: nothing binds "
                    + RunFunctionFactory.class.getName());
        };
    }
}
