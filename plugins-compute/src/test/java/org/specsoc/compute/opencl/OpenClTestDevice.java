package org.specsoc.compute.opencl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.specsoc.api.compute.Availability;
import org.specsoc.api.config.PluginConfig;

/**
 * The OpenCL device the tests run on: {@code compute.device=any} (pocl in CI, a GPU where there is one). The tests
 * are skipped with a message only when no OpenCL platform exists at all, and then fail instead when the
 * environment variable {@code SPECSOC_REQUIRE_OPENCL=true} says that this machine must have one.
 */
final class OpenClTestDevice {

    private OpenClTestDevice() {
    }

    static PluginConfig config() {
        return new OpenClBackendFactory().configSpec().bind("compute.",
                Map.of(OpenClBackendFactory.DEVICE, System.getenv().getOrDefault("SPECSOC_OPENCL_DEVICE", "any")));
    }

    /** Skips (or, when required, fails) unless an OpenCL device is here. */
    static void assumeOpenCl() {
        boolean none = OpenClDevices.all().isEmpty();
        Availability a = new OpenClBackendFactory().probe(config());
        boolean required = Boolean.parseBoolean(System.getenv("SPECSOC_REQUIRE_OPENCL"));
        if (none && required) {
            throw new AssertionError("SPECSOC_REQUIRE_OPENCL=true but there is no OpenCL device: " + a.detail());
        }
        assumeTrue(!none, () -> "no OpenCL platform here, OpenCL tests skipped: " + a.detail());
        // a platform exists, so the configured device must be found: anything else is a failure, not a skip
        if (!a.available()) {
            throw new AssertionError("OpenCL is installed but the test device is unavailable: " + a.detail());
        }
    }

    static OpenClBackend backend() {
        assumeOpenCl();
        return (OpenClBackend) new OpenClBackendFactory().create(config(), null);
    }
}
