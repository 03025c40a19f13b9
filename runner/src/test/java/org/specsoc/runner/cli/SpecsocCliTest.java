package org.specsoc.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.runner.bench.BenchOptions;
import org.specsoc.runner.bench.Benchmark;
import org.specsoc.runner.bench.Measurement;
import org.specsoc.runner.config.EffectiveConfiguration;
import org.specsoc.runner.testing.FakeWorld;
import picocli.CommandLine;

class SpecsocCliTest {
    @TempDir
    Path base;

    private final FakeWorld world = new FakeWorld();

    private record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Result run(String... args) {
        CommandLine cl = new SpecsocCli(world::injector, base).commandLine();
        var out = new StringWriter();
        var err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private Path quickstart() throws IOException {
        Path file = base.resolve("quickstart.properties");
        Files.writeString(file, """
                experiment.type=split
                dataset.type=synthetic
                encoder.type=mlp
                decoder.type=linear-mixing
                compute.backend=auto
                train.epochs=2
                """);
        return file;
    }

    @AfterEach
    void quietAgain() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }

    @Test
    void versionAndHelpExitZero() {
        Result version = run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out().strip()).isEqualTo("specsoc development");

        Result help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("run", "plugins", "diagnose", "bench", "Exit codes: 0 success");

        for (String command : new String[] {"run", "plugins", "diagnose", "bench"}) {
            Result sub = run(command, "--help");
            assertThat(sub.exit()).as(command).isZero();
            assertThat(sub.out()).as(command).contains("Usage: specsoc " + command);
        }
        assertThat(run("run", "--version").out().strip()).isEqualTo("specsoc development");
    }

    @Test
    void usageErrorsExitTwo() {
        Result none = run();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.errLines().get(0)).isEqualTo("specsoc: a command is required");

        assertThat(run("frobnicate").exit()).isEqualTo(2);
        assertThat(run("run").exit()).isEqualTo(2);
        Result badSet = run("run", "x.properties", "--set", "no-equals-sign");
        assertThat(badSet.exit()).isEqualTo(2);
        assertThat(badSet.err()).contains("no-equals-sign");
    }

    @Test
    void aMissingConfigFileIsOneLineAndExitTwo() {
        Result r = run("run", "examples/no-such-file.properties");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(
                "specsoc: config file '" + Path.of("examples/no-such-file.properties") + "' does not exist");
    }

    @Test
    void aMisspelledDecoderExitsTwoAndSuggestsTheRightOne() throws IOException {
        Result r = run("run", quickstart().toString(), "--set", "decoder.type=linear-mixng");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("specsoc: decoder.type: unknown decoder 'linear-mixng'; known: ann,"
                + " linear-mixing, none (did you mean 'linear-mixing'?). Is the plugin's jar on the classpath?");
        assertThat(world.lastRun.get()).isNull();
    }

    @Test
    void aMisspelledKeyExitsTwoAndSuggestsTheRightOne() throws IOException {
        Result r = run("run", quickstart().toString(), "--set", "encoder.hiden=64");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines())
                .containsExactly("specsoc: unknown key 'encoder.hiden' (did you mean 'encoder.hidden'?)");
    }

    @Test
    void severalProblemsAreListedTogether() throws IOException {
        Result r = run("run", quickstart().toString(), "--set", "encoder.hiden=64", "--set", "train.epochs=0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(
                "specsoc: 2 configuration problems:",
                "  1) unknown key 'encoder.hiden' (did you mean 'encoder.hidden'?)",
                "  2) key 'train.epochs': 0 is out of range; allowed [1, 100000]");
    }

    @Test
    void aRunExitsZeroAndSetTakesPrecedenceOverTheFile() throws IOException {
        Result r = run("run", quickstart().toString(), "--set", "train.epochs=7", "--set", "output.dir=out=1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(world.lastRun.get().section("train.").getInt("epochs")).isEqualTo(7);
        assertThat(world.lastRun.get().outputDirectory()).isEqualTo(base.resolve("out=1"));
        assertThat(base.resolve("out=1").resolve(EffectiveConfiguration.FILE_NAME)).exists();
    }

    @Test
    void aFailingRunIsOneLineAndExitOne() throws IOException {
        world.onSplit(env -> {
            throw new IllegalStateException("loss is NaN at epoch 3\nsecond line");
        });
        Result r = run("run", quickstart().toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(
                "specsoc: failed: IllegalStateException: loss is NaN at epoch 3 (--verbose shows the stack trace)");
    }

    @Test
    void verboseShowsTheStackTraceAndWorksAfterTheSubcommand() throws IOException {
        world.onSplit(env -> {
            throw new IllegalStateException("loss is NaN");
        });
        Result r = run("run", quickstart().toString(), "--verbose");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines().get(0)).isEqualTo("specsoc: failed: IllegalStateException: loss is NaN");
        assertThat(r.err()).contains("\tat org.specsoc.runner");
    }

    @Test
    void checkPrintsTheEffectiveConfigurationAndRunsNothing() throws IOException {
        Result r = run("run", quickstart().toString(), "--check");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("train.epochs=2", "train.learning-rate=0.001", "encoder.hidden=512",
                "output.dir=" + Path.of("runs", "quickstart"));
        assertThat(world.lastRun.get()).isNull();
        assertThat(base.resolve("runs")).doesNotExist();
    }

    @Test
    void pluginsListsEveryKindWithKeysDefaultsAndRanges() {
        Result r = run("plugins");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(
                "Experiment types (experiment.type; keys under experiment.)",
                "  split: test experiment split",
                "Decoders (decoder.type; keys under decoder.)",
                "  linear-mixing: test decoder linear-mixing",
                "  opencl [GPU, priority 100]: test backend opencl",
                "Configuration sections (keys owned by the runner)",
                "  output.",
                "(none installed)");
        assertThat(r.out().lines()).anyMatch(l -> l.matches("\\s+encoder\\.hidden\\s+int\\s+512\\s+\\[1, 4096]\\s+"
                + "hidden units"));
        assertThat(r.out().lines()).anyMatch(l -> l.matches("\\s+encoder\\.activation\\s+enum\\s+relu\\s+"
                + "one of relu, tanh, gelu\\s+activation"));
        assertThat(r.out().lines())
                .anyMatch(l -> l.matches("\\s+dataset\\.path\\s+path\\s+\\(required\\)\\s+CSV file"));
        assertThat(r.out().lines())
                .anyMatch(l -> l.matches("\\s+train\\.epochs\\s+int\\s+100\\s+\\[1, 100000]\\s+epochs"));
        assertThat(r.out().lines()).anyMatch(l -> l.matches("\\s+preprocess\\.savgol\\.window\\s+int\\s+11.*"));
        assertThat(r.out().lines()).anyMatch(l -> l.matches("\\s+decoder\\.type\\s+ann, linear-mixing, none"));
    }

    @Test
    void pluginsAsMarkdown() {
        Result r = run("plugins", "--markdown");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("### Encoders", "#### `mlp`",
                "| `encoder.hidden` | int | 512 | [1, 4096] | hidden units |",
                "| `compute.backend` | auto (default), java, opencl |");
    }

    @Test
    void diagnoseShowsTheBackendsAndWhatAutoPicks() {
        Result r = run("diagnose");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Java ", "SIMD ",
                "  java (CPU, priority 10): available", "      2 threads, 512-bit SIMD",
                "  opencl (GPU, priority 100): unavailable", "      no OpenCL platform found",
                "compute.backend=auto picks 'java'",
                "  not 'opencl' (GPU, priority 100): unavailable: no OpenCL platform found");
        assertThat(r.out()).containsPattern("SIMD\\s+\\d+-bit vectors");
    }

    private static Benchmark benchmark(String name, boolean byDefault, List<String> ranOn) {
        return new Benchmark() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean runsByDefault() {
                return byDefault;
            }

            @Override
            public List<Measurement> run(ComputeBackend backend, BenchOptions options) {
                ranOn.add(name + "@" + backend.name() + (options.quick() ? "/quick" : ""));
                return name.equals("gemm")
                        ? List.of(Measurement.gflops(backend.name(), "gemm 300x2136x512", 42.5, "NN"))
                        : List.of(Measurement.seconds(backend.name(), name, 1.25, 18840.0, null));
            }
        };
    }

    @Test
    void benchPrintsATableAndWritesSnakeCaseJson() throws IOException {
        var ranOn = new ArrayList<String>();
        world.with(new AbstractModule() {
            @Override
            protected void configure() {
                var benchmarks = Multibinder.newSetBinder(binder(), Benchmark.class);
                benchmarks.addBinding().toInstance(benchmark("gemm", true, ranOn));
                benchmarks.addBinding().toInstance(benchmark("data", false, ranOn));
            }
        });

        Result r = run("bench", "--quick", "--json", "bench.json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(ranOn).containsExactly("gemm@java/quick");
        assertThat(r.out().lines().toList()).hasSize(2);
        assertThat(r.out().lines().toList().get(1)).matches("java\\s+gemm 300x2136x512\\s+42\\.5\\s+NN");
        JsonNode json = new ObjectMapper().readTree(base.resolve("bench.json").toFile());
        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("backend", "name", "gflops", "note");
        assertThat(json.get(0).get("gflops").asDouble()).isEqualTo(42.5);

        ranOn.clear();
        Result withData = run("bench", "--data", "--quick", "--json", "bench.json");
        assertThat(withData.exit()).isZero();
        assertThat(ranOn).containsExactly("data@java/quick", "gemm@java/quick");
        JsonNode data = new ObjectMapper().readTree(base.resolve("bench.json").toFile()).get(0);
        assertThat(data.get("samples_per_second").asDouble()).isEqualTo(18840.0);
        assertThat(data.get("seconds").asDouble()).isEqualTo(1.25);
        assertThat(data.has("gflops")).isFalse();

        Result unknown = run("bench", "--only", "gem");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.errLines()).containsExactly(
                "specsoc: --only: unknown benchmark 'gem'; known: data, gemm (did you mean 'gemm'?)");

        Result unavailable = run("bench", "--backend", "opencl");
        assertThat(unavailable.exit()).isEqualTo(2);
        assertThat(unavailable.err()).contains("compute backend 'opencl' is not available here");
    }
}
