package org.specsoc.api.plugin;

import java.util.List;

/**
 * The one service a plugin jar registers with {@link java.util.ServiceLoader} (generate the descriptor with
 * {@code @AutoService(SpectralPlugin.class)}). Every method has a default, so a new kind of factory never
 * breaks an existing plugin (Trino's {@code Plugin} shape).
 */
public interface SpectralPlugin {

    default List<EncoderFactory> encoderFactories() {
        return List.of();
    }

    default List<DecoderFactory> decoderFactories() {
        return List.of();
    }

    default List<DatasetFactory> datasetFactories() {
        return List.of();
    }

    default List<PreprocessorFactory> preprocessorFactories() {
        return List.of();
    }

    default List<ComputeBackendFactory> computeBackendFactories() {
        return List.of();
    }

    default List<SpectralLibraryReader> spectralLibraryReaders() {
        return List.of();
    }
}
