package org.specsoc.compute.opencl;

import com.google.auto.service.AutoService;
import java.util.List;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.SpectralPlugin;

/** Registers the {@code opencl} compute backend. */
@AutoService(SpectralPlugin.class)
public final class OpenClComputePlugin implements SpectralPlugin {

    @Override
    public List<ComputeBackendFactory> computeBackendFactories() {
        return List.of(new OpenClBackendFactory());
    }
}
