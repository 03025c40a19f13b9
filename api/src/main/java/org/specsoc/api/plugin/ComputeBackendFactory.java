package org.specsoc.api.plugin;

import org.specsoc.api.compute.Availability;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.config.PluginConfig;

/**
 * A compute backend provider (DJL's {@code EngineProvider} / ND4J's backend shape): {@code compute.backend=auto}
 * takes the available factory with the highest priority. Keys live under {@code compute.}.
 */
public interface ComputeBackendFactory extends PluginFactory {

    /** Higher wins under {@code auto}. */
    int priority();

    /** Cheap probe; says why the backend cannot run here when it cannot. Must not throw. */
    Availability probe();

    /**
     * Probe for the backend as configured (its keys under {@code compute.}), used when the backend is named
     * explicitly: a backend whose default probe looks for a GPU may be asked for another device. Must not throw.
     */
    default Availability probe(PluginConfig config) {
        return probe();
    }

    /** True when this backend runs on a GPU (what {@code auto} prefers). */
    default boolean gpu() {
        return false;
    }

    ComputeBackend create(PluginConfig config, PluginContext context);
}
