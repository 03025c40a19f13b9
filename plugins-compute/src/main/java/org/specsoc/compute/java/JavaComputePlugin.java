package org.specsoc.compute.java;

import com.google.auto.service.AutoService;
import java.util.List;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.SpectralPlugin;

/** Registers the {@code java} compute backend. */
@AutoService(SpectralPlugin.class)
public final class JavaComputePlugin implements SpectralPlugin {

    @Override
    public List<ComputeBackendFactory> computeBackendFactories() {
        return List.of(new JavaBackendFactory());
    }
}
