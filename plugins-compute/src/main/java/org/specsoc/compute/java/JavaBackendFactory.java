package org.specsoc.compute.java;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.compute.Availability;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.PluginContext;

/**
 * {@code compute.backend = java}: the CPU backend on the JDK Vector API. It needs the incubator module
 * {@code jdk.incubator.vector} ({@code --add-modules jdk.incubator.vector}, set by the launcher and the
 * build); this class touches no Vector API type, so the probe can say so instead of failing to load.
 */
public final class JavaBackendFactory implements ComputeBackendFactory {
    private static final Logger LOG = LoggerFactory.getLogger(JavaBackendFactory.class);
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Below the OpenCL backend, so {@code auto} takes a GPU when there is one. */
    static final int PRIORITY = 10;

    private static final ConfigSpec SPEC = ConfigSpec.builder()
            .integer("threads", 0, 0, 4096, "threads of the java backend's pool; 0 = one per available processor")
            .build();

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String description() {
        return "CPU: Java Vector API GEMM (packed, register-blocked) and element-wise kernels on a fixed thread pool";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability probe() {
        if (!vectorModulePresent()) {
            return Availability.no("the JDK incubator module " + VECTOR_MODULE + " is not loaded; start the JVM with"
                    + " --add-modules " + VECTOR_MODULE + " (the specsoc launcher does)");
        }
        try {
            return Availability.yes(SimdProbe.describe(threads(0)));
        } catch (LinkageError | RuntimeException e) {
            return Availability.no("the Vector API could not start: " + e);
        }
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The pool size for a configured value: 0 means one thread per available processor. */
    static int threads(int configured) {
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public ComputeBackend create(PluginConfig config, PluginContext context) {
        Availability a = probe();
        if (!a.available()) {
            throw new IllegalStateException("compute backend 'java' is not available: " + a.detail());
        }
        int threads = threads(config.getInt("threads"));
        JavaBackend backend = new JavaBackend(threads);
        LOG.info("java compute backend on {} with {} threads", backend.device().device(), threads);
        return backend;
    }

    /** Kept apart so the factory itself loads without the Vector API. */
    private static final class SimdProbe {
        static String describe(int threads) {
            int bits = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
            return CpuModel.describe() + "; Java Vector API, " + bits + "-bit SIMD (" + bits / 32 + " float lanes), "
                    + threads + (threads == 1 ? " thread" : " threads");
        }
    }
}
