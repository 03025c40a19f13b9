package org.specsoc.runner.wiring;

import com.google.inject.Module;

/**
 * A Guice module that extends the runner (config sections, experiment types, benchmarks, listeners), found
 * with {@link java.util.ServiceLoader}: implement it on a module with a public no-argument constructor and
 * annotate that with {@code @AutoService(RunnerExtension.class)}. This is how runner packages join in without
 * a central list; plugins for models and data use {@link org.specsoc.api.plugin.SpectralPlugin} instead.
 */
public interface RunnerExtension extends Module {
}
