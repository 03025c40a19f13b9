package org.specsoc.compute.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aparapi.device.Device;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.Availability;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.SpectralPlugin;

class OpenClBackendFactoryTest {

    private final OpenClBackendFactory factory = new OpenClBackendFactory();

    private PluginConfig config(Map<String, String> raw) {
        return factory.configSpec().bind("compute.", raw);
    }

    @Test
    void isDiscoveredAsAGpuBackendAboveTheCpuOnes() {
        var names = ServiceLoader.load(SpectralPlugin.class).stream().map(ServiceLoader.Provider::get)
                .flatMap(p -> p.computeBackendFactories().stream()).map(ComputeBackendFactory::name).toList();
        assertThat(names).contains("opencl");
        assertThat(factory.gpu()).isTrue();
        assertThat(factory.priority()).isEqualTo(100);
        assertThat(factory.configSpec().names()).containsExactly("device", "platform");
        assertThat(config(Map.of()).getString("device")).isEqualTo("gpu");
    }

    @Test
    void theDefaultProbeWantsAGpuAndNamesTheDevicesThatDoExist() {
        OpenClTestDevice.assumeOpenCl();
        Availability a = factory.probe();
        boolean gpuHere = OpenClDevices.all().stream().anyMatch(f -> f.device().getType() == Device.TYPE.GPU);
        assertThat(a.available()).isEqualTo(gpuHere);
        if (!gpuHere) {
            String someDevice = OpenClDevices.all().get(0).device().getName().trim();
            assertThat(a.detail()).startsWith("no OpenCL device matches compute.device=gpu; devices here: ")
                    .contains(someDevice);
        }
    }

    @Test
    void theConfiguredProbeHonoursComputeDevice() {
        OpenClTestDevice.assumeOpenCl();
        String name = OpenClDevices.all().get(0).device().getName().trim();
        assertThat(factory.probe(config(Map.of("device", "any"))).available()).isTrue();
        Availability byName = factory.probe(config(Map.of("device", name.substring(0, Math.min(6, name.length())))));
        assertThat(byName.available()).isTrue();
        assertThat(byName.detail()).contains(name);
        Availability none = factory.probe(config(Map.of("device", "no-such-device-xyz")));
        assertThat(none.available()).isFalse();
        assertThat(none.detail()).contains("compute.device=no-such-device-xyz").contains(name);
        assertThat(factory.probe(config(Map.of("device", "any", "platform", "no-such-platform"))).detail())
                .contains("on a platform named like 'no-such-platform'");
    }

    @Test
    void creatingOnAMissingDeviceIsAConfigurationErrorNamingTheKey() {
        OpenClTestDevice.assumeOpenCl();
        assertThatThrownBy(() -> factory.create(config(Map.of("device", "no-such-device-xyz")), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("compute.device=no-such-device-xyz: no OpenCL device matches");
    }

    @Test
    void createsABackendThatReportsItsDevice() {
        OpenClTestDevice.assumeOpenCl();
        try (ComputeBackend b = factory.create(OpenClTestDevice.config(), null)) {
            assertThat(b.name()).isEqualTo("opencl");
            assertThat(b.device().parallelism()).isPositive();
            assertThat(b.device().details().get("platform")).isNotBlank();
            assertThat(Long.parseLong(b.device().details().get("globalMemoryBytes"))).isPositive();
        }
    }
}
