package org.specsoc.runner.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.Availability;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.runner.testing.FakeComputeBackendFactory;

class ComputeBackendSelectorTest {
    private final ComputeBackendSelector selector = new ComputeBackendSelector();

    private static Map<String, ComputeBackendFactory> backends(FakeComputeBackendFactory... factories) {
        var map = new TreeMap<String, ComputeBackendFactory>();
        for (var f : factories) {
            map.put(f.name(), f);
        }
        return map;
    }

    @Test
    void autoPrefersAnAvailableGpuBackendOverAHigherPriorityCpuOne() {
        var java = new FakeComputeBackendFactory("java", 500, false, Availability.yes("2 threads"));
        var opencl = new FakeComputeBackendFactory("opencl", 100, true, Availability.yes("NVIDIA H100"));

        BackendChoice choice = selector.choose("auto", backends(java, opencl));

        assertThat(choice.name()).isEqualTo("opencl");
        assertThat(choice.reason()).isEqualTo(
                "auto: 'opencl' is the available GPU backend with the highest priority (100): NVIDIA H100");
        assertThat(choice.skipped()).containsExactly("'java' (CPU, priority 500): lower preference than 'opencl'");
    }

    @Test
    void autoTakesTheHighestPriorityAmongGpuBackends() {
        var a = new FakeComputeBackendFactory("cuda", 200, true, Availability.yes("cuda device"));
        var b = new FakeComputeBackendFactory("opencl", 100, true, Availability.yes("cl device"));
        assertThat(selector.choose("auto", backends(a, b)).name()).isEqualTo("cuda");
    }

    @Test
    void autoFallsBackToTheBestCpuBackendAndSaysWhyTheGpuWasSkipped() {
        var java = new FakeComputeBackendFactory("java", 10, false, Availability.yes("2 threads"));
        var scalar = new FakeComputeBackendFactory("scalar", 1, false, Availability.yes("1 thread"));
        var opencl = new FakeComputeBackendFactory("opencl", 100, true, Availability.no("no OpenCL platform"));

        BackendChoice choice = selector.choose("auto", backends(java, scalar, opencl));

        assertThat(choice.name()).isEqualTo("java");
        assertThat(choice.reason()).isEqualTo("auto: no GPU backend is available; 'java' is the available CPU"
                + " backend with the highest priority (10): 2 threads");
        assertThat(choice.skipped()).containsExactly(
                "'opencl' (GPU, priority 100): unavailable: no OpenCL platform",
                "'scalar' (CPU, priority 1): lower preference than 'java'");
    }

    @Test
    void equalPrioritiesAreBrokenByName() {
        var b = new FakeComputeBackendFactory("b", 5, false, Availability.yes("b"));
        var a = new FakeComputeBackendFactory("a", 5, false, Availability.yes("a"));
        assertThat(selector.choose("auto", backends(b, a)).name()).isEqualTo("a");
    }

    @Test
    void aNamedBackendThatIsUnavailableIsAConfigurationErrorWithTheProbeDetail() {
        var java = new FakeComputeBackendFactory("java", 10, false, Availability.yes("2 threads"));
        var opencl = new FakeComputeBackendFactory("opencl", 100, true, Availability.no("no OpenCL platform"));

        assertThatThrownBy(() -> selector.choose("opencl", backends(java, opencl)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: compute.backend: compute backend 'opencl' is not available here:"
                        + " no OpenCL platform; available here: java (or auto)");
    }

    @Test
    void aNamedAvailableBackendIsUsedEvenWhenAutoWouldPickAnother() {
        var java = new FakeComputeBackendFactory("java", 10, false, Availability.yes("2 threads"));
        var opencl = new FakeComputeBackendFactory("opencl", 100, true, Availability.yes("GPU"));
        BackendChoice choice = selector.choose("java", backends(java, opencl));
        assertThat(choice.name()).isEqualTo("java");
        assertThat(choice.reason()).isEqualTo("'java' is named by compute.backend: 2 threads");
    }

    @Test
    void noAvailableBackendListsEveryProbe() {
        var opencl = new FakeComputeBackendFactory("opencl", 100, true, Availability.no("no OpenCL platform"));
        var broken = new FakeComputeBackendFactory("broken", 1, false, null) {
            @Override
            public Availability probe() {
                throw new IllegalStateException("driver crashed");
            }
        };

        assertThatThrownBy(() -> selector.choose("auto", backends(opencl, broken)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: compute.backend=auto: no compute backend is available here"
                        + " (broken: the probe failed: java.lang.IllegalStateException: driver crashed;"
                        + " opencl: no OpenCL platform)");
    }

    /** An OpenCL-like factory: its default probe wants a GPU, its configured probe honours compute.device. */
    private static FakeComputeBackendFactory deviceAware() {
        ConfigSpec spec = ConfigSpec.builder().string("device", "gpu", "device").build();
        return new FakeComputeBackendFactory("opencl", 100, true, Availability.no("no GPU; devices here: pocl CPU"),
                spec) {
            @Override
            public Availability probe(PluginConfig config) {
                return config.getString("device").equals("cpu") ? Availability.yes("pocl CPU")
                        : probe();
            }
        };
    }

    private static Map<String, PluginConfig> device(String value) {
        ConfigSpec spec = ConfigSpec.builder().string("device", "gpu", "device").build();
        return Map.of("opencl", spec.bind("compute.", Map.of("device", value)));
    }

    @Test
    void aNamedBackendIsProbedAsConfiguredSoANonDefaultDeviceIsReachable() {
        var java = new FakeComputeBackendFactory("java", 10, false, Availability.yes("2 threads"));

        BackendChoice choice = selector.choose("opencl", backends(java, deviceAware()), device("cpu"));

        assertThat(choice.name()).isEqualTo("opencl");
        assertThat(choice.availability().detail()).isEqualTo("pocl CPU");
        assertThat(choice.reason()).isEqualTo("'opencl' is named by compute.backend: pocl CPU");
    }

    @Test
    void aNamedBackendWhoseConfiguredDeviceIsMissingIsStillAnError() {
        var java = new FakeComputeBackendFactory("java", 10, false, Availability.yes("2 threads"));

        assertThatThrownBy(() -> selector.choose("opencl", backends(java, deviceAware()), device("gpu")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("compute backend 'opencl' is not available here: no GPU; devices here: pocl CPU");
    }

    @Test
    void autoIgnoresTheConfiguredDeviceAndTakesOpenClOnlyOnAGpu() {
        var java = new FakeComputeBackendFactory("java", 10, false, Availability.yes("2 threads"));

        BackendChoice choice = selector.choose("auto", backends(java, deviceAware()), device("cpu"));

        assertThat(choice.name()).isEqualTo("java");
        assertThat(choice.skipped()).containsExactly(
                "'opencl' (GPU, priority 100): unavailable: no GPU; devices here: pocl CPU");
    }

    @Test
    void noInstalledBackendIsAnError() {
        assertThatThrownBy(() -> selector.choose("auto", Map.of()))
                .hasMessageContaining("no compute backends are installed");
    }
}
