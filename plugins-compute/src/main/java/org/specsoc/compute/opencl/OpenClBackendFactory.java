package org.specsoc.compute.opencl;

import org.specsoc.api.compute.Availability;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.PluginContext;

/**
 * {@code compute.backend=opencl}: Aparapi kernels on an OpenCL device. Under {@code auto} it is taken only when an
 * OpenCL GPU exists ({@link #probe()} looks for one); named explicitly, {@code compute.device=cpu} (pocl) or a
 * device-name substring reaches any other device ({@link #probe(PluginConfig)}).
 */
public final class OpenClBackendFactory implements ComputeBackendFactory {

    public static final String NAME = "opencl";
    static final String DEVICE = "device";
    static final String PLATFORM = "platform";
    static final String DEFAULT_DEVICE = "gpu";

    private static final ConfigSpec SPEC = ConfigSpec.builder()
            .string(DEVICE, DEFAULT_DEVICE, "OpenCL device for the opencl backend: gpu, cpu (e.g. pocl), any, or a"
                    + " substring of the device name")
            .string(PLATFORM, null, "Optional substring of the OpenCL platform name (e.g. NVIDIA, Portable)")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Aparapi OpenCL kernels, buffers resident on the device (for GPUs; pocl runs it for tests)";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean gpu() {
        return true;
    }

    /** The default device request: a GPU, which is what {@code auto} wants. */
    @Override
    public Availability probe() {
        return probe(DEFAULT_DEVICE, null);
    }

    @Override
    public Availability probe(PluginConfig config) {
        return probe(config.getString(DEVICE), config.getOptionalString(PLATFORM).orElse(null));
    }

    private static Availability probe(String device, String platform) {
        try {
            OpenClDevices.Selection s = OpenClDevices.select(device, platform);
            if (s.found().isPresent()) {
                OpenClDevices.Found f = s.found().get();
                return Availability.yes(f.describe() + ", " + f.device().getMaxComputeUnits() + " compute units, "
                        + (f.device().getGlobalMemSize() >> 20) + " MiB");
            }
            return Availability.no(s.reason());
        } catch (RuntimeException | LinkageError e) {
            return Availability.no("probing OpenCL failed: " + e);
        }
    }

    @Override
    public ComputeBackend create(PluginConfig config, PluginContext context) {
        String device = config.getString(DEVICE);
        String platform = config.getOptionalString(PLATFORM).orElse(null);
        OpenClDevices.Selection s = OpenClDevices.select(device, platform);
        if (s.found().isEmpty()) {
            throw new ConfigurationException(config.fullKey(DEVICE) + "=" + device + ": " + s.reason());
        }
        OpenClDevices.Found f = s.found().get();
        return new OpenClBackend(f.device(), f.platform().getName().trim() + " " + f.platform().getVersion().trim());
    }
}
