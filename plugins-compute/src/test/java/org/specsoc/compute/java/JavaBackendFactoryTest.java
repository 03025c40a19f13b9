package org.specsoc.compute.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.Availability;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.SpectralPlugin;

class JavaBackendFactoryTest {
    private final JavaBackendFactory factory = new JavaBackendFactory();

    @Test
    void foundThroughTheServiceLoader() {
        List<String> names = ServiceLoader.load(SpectralPlugin.class).stream().map(ServiceLoader.Provider::get)
                .flatMap(p -> p.computeBackendFactories().stream()).map(ComputeBackendFactory::name).toList();
        assertThat(names).contains("java");
    }

    @Test
    void probeSaysWhatItRunsOn() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector
        Availability a = factory.probe();
        assertThat(a.available()).as(a.detail()).isTrue();
        assertThat(a.detail()).contains("bit SIMD").contains("thread");
        assertThat(factory.gpu()).isFalse();
        assertThat(factory.priority()).isLessThan(20).isPositive();
    }

    @Test
    void threadsKeyChoosesThePoolSize() {
        PluginConfig config = factory.configSpec().bind("compute.", Map.of("threads", "3"));
        try (ComputeBackend backend = factory.create(config, null)) {
            assertThat(backend.name()).isEqualTo("java");
            assertThat(backend.device().parallelism()).isEqualTo(3);
            assertThat(backend.device().details()).containsEntry("threads", "3")
                    .containsKey("simd_bits").containsKey("cores");
            assertThat(Integer.parseInt(backend.device().details().get("simd_bits"))).isGreaterThanOrEqualTo(64);
        }
        PluginConfig byDefault = factory.configSpec().bind("compute.", Map.of());
        try (JavaBackend backend = (JavaBackend) factory.create(byDefault, null)) {
            assertThat(backend.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void badThreadCountNamesTheKey() {
        assertThatThrownBy(() -> factory.configSpec().bind("compute.", Map.of("threads", "-1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("compute.threads");
        assertThatThrownBy(() -> factory.configSpec().bind("compute.", Map.of("threads", "many")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("compute.threads");
    }

    @Test
    void cpuModelIsReadFromCpuinfo() {
        assertThat(CpuModel.modelName(List.of("processor\t: 0", "vendor_id\t: AuthenticAMD",
                "model name\t: AMD EPYC 9R14", "flags\t: fpu"))).isEqualTo("AMD EPYC 9R14");
        assertThat(CpuModel.modelName(List.of())).endsWith("CPU");
    }

    @Test
    void closedBackendRefusesWork() {
        JavaBackend backend = new JavaBackend(2);
        var b = backend.allocate(2, 2);
        backend.close();
        assertThatThrownBy(() -> backend.fill(b, 1f)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
