package org.specsoc.runner.testing;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.specsoc.api.compute.Availability;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.compute.DeviceInfo;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.PluginContext;

/**
 * A compute backend factory with a chosen priority, GPU flag and probe result. The backends it creates only
 * answer {@code name()}, {@code device()} and {@code close()}, and count how often they were created and closed.
 */
public class FakeComputeBackendFactory implements ComputeBackendFactory {
    private final String name;
    private final int priority;
    private final boolean gpu;
    private final Availability availability;
    private final ConfigSpec spec;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private volatile PluginConfig lastConfig;

    public FakeComputeBackendFactory(String name, int priority, boolean gpu, Availability availability,
                                     ConfigSpec spec) {
        this.name = name;
        this.priority = priority;
        this.gpu = gpu;
        this.availability = availability;
        this.spec = spec;
    }

    public FakeComputeBackendFactory(String name, int priority, boolean gpu, Availability availability) {
        this(name, priority, gpu, availability, ConfigSpec.empty());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "test backend " + name;
    }

    @Override
    public ConfigSpec configSpec() {
        return spec;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Availability probe() {
        return availability;
    }

    @Override
    public boolean gpu() {
        return gpu;
    }

    public int created() {
        return created.get();
    }

    public int closed() {
        return closed.get();
    }

    /** The configuration the last backend was created with. */
    public PluginConfig lastConfig() {
        return lastConfig;
    }

    @Override
    public ComputeBackend create(PluginConfig config, PluginContext context) {
        created.incrementAndGet();
        lastConfig = config;
        var device = new DeviceInfo(name, "test device", 1, Map.of());
        return (ComputeBackend) Proxy.newProxyInstance(ComputeBackend.class.getClassLoader(),
                new Class<?>[] {ComputeBackend.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "device" -> device;
                    case "close" -> {
                        closed.incrementAndGet();
                        yield null;
                    }
                    case "toString" -> "fake backend " + name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName() + " on a fake backend");
                });
    }
}
