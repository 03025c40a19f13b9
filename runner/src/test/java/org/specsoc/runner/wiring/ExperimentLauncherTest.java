package org.specsoc.runner.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.model.TrainingListener;
import org.specsoc.api.plugin.PluginContext;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.api.plugin.SpectralLibraryReader;
import org.specsoc.runner.config.ConfigFileLoader;
import org.specsoc.runner.config.EffectiveConfiguration;
import org.specsoc.runner.testing.FakeWorld;

class ExperimentLauncherTest {
    @TempDir
    Path base;

    private final FakeWorld world = new FakeWorld();

    private Path config(String name, String text) throws IOException {
        Path file = base.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final String SPLIT = """
            experiment.type=split
            encoder.type=mlp
            decoder.type=linear-mixing
            dataset.type=synthetic
            encoder.hidden=64
            """;

    private ExperimentLauncher launcher() {
        return world.injector().getInstance(ExperimentLauncher.class);
    }

    @Test
    void runsTheExperimentWithEverythingResolvedAndWritesTheEffectiveConfiguration() throws Exception {
        Path file = config("quick.properties", SPLIT);

        launcher().run(file, Map.of("train.epochs", "3"), base);

        RunEnvironment env = world.lastRun.get();
        assertThat(env).isNotNull();
        Path output = base.resolve("runs").resolve("quick");
        assertThat(env.outputDirectory()).isEqualTo(output);
        assertThat(env.baseDirectory()).isEqualTo(base.toAbsolutePath().normalize());
        assertThat(env.encoder().config().getInt("hidden")).isEqualTo(64);
        assertThat(env.section("train.").getInt("epochs")).isEqualTo(3);
        assertThat(env.experimentConfig().getDouble("test-fraction")).isEqualTo(0.2);
        assertThat(env.backend().name()).isEqualTo("java");
        assertThat(env.backendChoice().reason()).startsWith("auto: no GPU backend is available; 'java'");

        Path written = output.resolve(EffectiveConfiguration.FILE_NAME);
        var reread = new ConfigFileLoader().load(written, Map.of()).values();
        assertThat(reread).isEqualTo(env.effectiveConfiguration().values())
                .containsEntry("train.epochs", "3")
                .containsEntry("train.learning-rate", "0.001")
                .containsEntry("encoder.activation", "relu")
                .containsEntry("compute.threads", "0")
                .containsEntry("output.dir", Path.of("runs", "quick").toString())
                .doesNotContainKey("compute.device");
        assertThat(Files.readString(written)).contains("# compute backend: auto: no GPU backend is available")
                .contains("with --set train.epochs");
    }

    @Test
    void theEffectiveConfigurationRunsAgainToTheSameEffectiveConfiguration() throws Exception {
        launcher().run(config("first.properties", SPLIT), Map.of(), base);
        EffectiveConfiguration first = world.lastRun.get().effectiveConfiguration();

        Path again = base.resolve("runs/first").resolve(EffectiveConfiguration.FILE_NAME);
        launcher().run(again, Map.of(), base);

        assertThat(world.lastRun.get().effectiveConfiguration().values()).isEqualTo(first.values());
    }

    @Test
    void theBackendIsCreatedOnceAndClosedAfterTheExperimentEvenWhenItFails() throws Exception {
        world.onSplit(env -> {
            throw new IllegalStateException("training diverged");
        });
        Path file = config("fail.properties", SPLIT + "output.dir=" + base.resolve("out") + "\n");

        assertThatThrownBy(() -> launcher().run(file, Map.of(), base)).hasMessage("training diverged");

        assertThat(world.java.created()).isEqualTo(1);
        assertThat(world.java.closed()).isEqualTo(1);
        assertThat(world.opencl.created()).isZero();
        assertThat(base.resolve("out").resolve(EffectiveConfiguration.FILE_NAME)).exists();
    }

    @Test
    void theChosenBackendGetsItsOwnKeys() throws Exception {
        launcher().run(config("threads.properties", SPLIT + "compute.threads=2\ncompute.device=1\n"), Map.of(), base);
        assertThat(world.java.lastConfig().values()).containsExactly(Map.entry("threads", 2));
    }

    @Test
    void configurationErrorsStopBeforeAnythingIsWritten() throws IOException {
        Path file = config("bad.properties", SPLIT + "encoder.hiden=3\n");

        assertThatThrownBy(() -> launcher().run(file, Map.of("decoder.type", "linear-mixng"), base))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(2));
        assertThat(base.resolve("runs")).doesNotExist();
        assertThat(world.java.created()).isZero();
    }

    @Test
    void namingAnUnavailableBackendIsAConfigurationError() throws IOException {
        Path file = config("gpu.properties", SPLIT + "compute.backend=opencl\n");
        assertThatThrownBy(() -> launcher().run(file, Map.of(), base))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("compute backend 'opencl' is not available here: no OpenCL platform found");
    }

    @Test
    void pluginContextsResolvePathsAgainstTheBaseDirectoryAndReadLibraries() throws Exception {
        Path library = base.resolve("lib").resolve("minerals.sli");
        Files.createDirectories(library.getParent());
        Files.writeString(library, "x");
        var reader = new SpectralLibraryReader() {
            @Override
            public String format() {
                return "envi-sli";
            }

            @Override
            public boolean accepts(Path file) {
                return file.toString().endsWith(".sli");
            }

            @Override
            public SpectralLibrary read(Path file) {
                return new SpectralLibrary(List.of("kaolinite"), new double[] {400}, new float[][] {{0.5f}}, null,
                        file.getFileName().toString());
            }
        };
        var listener = new TrainingListener() { };
        world.with(reader).with(new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), TrainingListener.class).addBinding().toInstance(listener);
            }
        });

        launcher().run(config("ctx.properties", SPLIT), Map.of(), base);
        RunEnvironment env = world.lastRun.get();
        PluginContext context = env.pluginContext(new RandomStreams(7));

        assertThat(context.random().masterSeed()).isEqualTo(7);
        assertThat(context.backend()).isSameAs(env.backend());
        assertThat(context.listeners()).containsExactly(listener);
        assertThat(context.datasetLibrary()).isEmpty();
        assertThat(context.resolve(Path.of("lib/minerals.sli"))).isEqualTo(library.toAbsolutePath().normalize());
        assertThat(context.readLibrary(Path.of("lib/minerals.sli")).source()).isEqualTo("minerals.sli");
        assertThatThrownBy(() -> context.readLibrary(Path.of("lib/none.sli"))).isInstanceOf(NoSuchFileException.class);
        Files.writeString(base.resolve("lib/other.txt"), "x");
        assertThatThrownBy(() -> context.readLibrary(Path.of("lib/other.txt")))
                .hasMessage("no installed spectral library reader accepts 'lib/other.txt'; formats: envi-sli");

        SpectralLibrary own = reader.read(library);
        assertThat(env.pluginContext(new RandomStreams(1), own).datasetLibrary()).containsSame(own);
    }
}
