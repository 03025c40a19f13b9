package org.specsoc.runner.wiring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.specsoc.api.compute.Availability;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.plugin.ComputeBackendFactory;

/**
 * Chooses the compute backend for {@code compute.backend}. Under {@code auto}: the available GPU backend with
 * the highest priority, else the available CPU backend with the highest priority (ties by name, so the choice
 * is the same on every run). A named backend that its probe finds unavailable is a configuration error that
 * carries the probe's detail.
 */
public final class ComputeBackendSelector {

    /** Probes every factory once, in name order; a probe that throws counts as unavailable. */
    public Map<String, Availability> probeAll(Map<String, ? extends ComputeBackendFactory> factories) {
        var probes = new LinkedHashMap<String, Availability>();
        factories.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> probes.put(e.getKey(), probe(e.getValue())));
        return probes;
    }

    public static Availability probe(ComputeBackendFactory factory) {
        return guarded(factory::probe);
    }

    /** The probe of a backend as configured (e.g. {@code compute.device=cpu}); a throwing probe is unavailable. */
    public static Availability probe(ComputeBackendFactory factory, PluginConfig config) {
        return config == null ? probe(factory) : guarded(() -> factory.probe(config));
    }

    private static Availability guarded(Supplier<Availability> probe) {
        try {
            Availability a = probe.get();
            return a == null ? Availability.no("the probe returned nothing") : a;
        } catch (RuntimeException | LinkageError e) {
            return Availability.no("the probe failed: " + e);
        }
    }

    /** {@link #choose(String, Map, Map)} with every backend probed with its defaults. */
    public BackendChoice choose(String request, Map<String, ? extends ComputeBackendFactory> factories) {
        return choose(request, factories, Map.of());
    }

    /**
     * @param request   {@code auto} or a backend name
     * @param factories the installed backends by name
     * @param configs   backend keys by backend name; a backend named explicitly is probed as configured (so that
     *                  {@code compute.device=cpu} reaches pocl), while {@code auto} keeps the default probes
     * @throws ConfigurationException when the named backend is unknown or unavailable, or none is available
     */
    public BackendChoice choose(String request, Map<String, ? extends ComputeBackendFactory> factories,
                                Map<String, PluginConfig> configs) {
        String key = PluginKind.COMPUTE_BACKEND.selectorKey();
        if (factories.isEmpty()) {
            throw new ConfigurationException(key + ": no compute backends are installed."
                    + " Is the plugin's jar on the classpath?");
        }
        Map<String, Availability> probes = probeAll(factories);
        if (!request.equals(ConfigurationResolver.AUTO)) {
            ComputeBackendFactory factory = factories.get(request);
            if (factory == null) {
                throw new ConfigurationException(key + ": unknown compute backend '" + request + "'; known: auto, "
                        + String.join(", ", probes.keySet()));
            }
            Availability a = configs.containsKey(request) ? probe(factory, configs.get(request)) : probes.get(request);
            probes.put(request, a);
            if (!a.available()) {
                throw new ConfigurationException(key + ": compute backend '" + request + "' is not available here: "
                        + a.detail() + alternatives(probes, request));
            }
            return new BackendChoice(factory, a, "'" + request + "' is named by " + key + ": " + a.detail(),
                    skipped(factories, probes, factory, "not requested"));
        }

        Comparator<ComputeBackendFactory> best = Comparator.comparingInt(ComputeBackendFactory::priority).reversed()
                .thenComparing(ComputeBackendFactory::name);
        List<ComputeBackendFactory> available = factories.values().stream()
                .filter(f -> probes.get(f.name()).available()).sorted(best).map(f -> (ComputeBackendFactory) f)
                .toList();
        Optional<ComputeBackendFactory> gpu = available.stream().filter(ComputeBackendFactory::gpu).findFirst();
        Optional<ComputeBackendFactory> cpu = available.stream().filter(f -> !f.gpu()).findFirst();
        if (gpu.isEmpty() && cpu.isEmpty()) {
            var details = new ArrayList<String>();
            probes.forEach((name, a) -> details.add(name + ": " + a.detail()));
            throw new ConfigurationException(key + "=auto: no compute backend is available here ("
                    + String.join("; ", details) + ")");
        }
        ComputeBackendFactory chosen = gpu.orElseGet(cpu::get);
        Availability a = probes.get(chosen.name());
        String reason = gpu.isPresent()
                ? "auto: '" + chosen.name() + "' is the available GPU backend with the highest priority ("
                        + chosen.priority() + "): " + a.detail()
                : "auto: no GPU backend is available; '" + chosen.name() + "' is the available CPU backend with"
                        + " the highest priority (" + chosen.priority() + "): " + a.detail();
        return new BackendChoice(chosen, a, reason, skipped(factories, probes, chosen, "lower preference than '"
                + chosen.name() + "'"));
    }

    private static List<String> skipped(Map<String, ? extends ComputeBackendFactory> factories,
                                        Map<String, Availability> probes, ComputeBackendFactory chosen,
                                        String whenAvailable) {
        var lines = new ArrayList<String>();
        probes.forEach((name, a) -> {
            ComputeBackendFactory f = factories.get(name);
            if (f == chosen) {
                return;
            }
            String what = "'" + name + "' (" + (f.gpu() ? "GPU" : "CPU") + ", priority " + f.priority() + "): ";
            lines.add(what + (a.available() ? whenAvailable : "unavailable: " + a.detail()));
        });
        return lines;
    }

    private static String alternatives(Map<String, Availability> probes, String request) {
        var usable = probes.entrySet().stream().filter(e -> e.getValue().available() && !e.getKey().equals(request))
                .map(Map.Entry::getKey).toList();
        return usable.isEmpty() ? "" : "; available here: " + String.join(", ", usable) + " (or auto)";
    }
}
