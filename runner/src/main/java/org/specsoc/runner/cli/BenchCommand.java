package org.specsoc.runner.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.NearestName;
import org.specsoc.api.io.AtomicFileWriter;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.runner.bench.BenchOptions;
import org.specsoc.runner.bench.Benchmark;
import org.specsoc.runner.bench.Measurement;
import org.specsoc.runner.bench.PytorchPeer;
import org.specsoc.runner.wiring.ComputeBackendSelector;
import org.specsoc.runner.wiring.InstalledPlugins;
import org.specsoc.runner.wiring.PluginKind;
import org.specsoc.runner.wiring.RunnerPluginContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code specsoc bench}: runs every installed {@link Benchmark} on each available compute backend (or the one
 * named by {@code --backend}), prints a table and optionally writes the figures as JSON.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        description = "Measures the installed benchmarks (GEMM throughput, epoch time, ...) on each available"
                + " compute backend.")
final class BenchCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

    @ParentCommand
    private SpecsocCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", description = "Only this compute backend.")
    private String backend;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as a JSON array.")
    private Path json;

    @Option(names = "--only", paramLabel = "NAME", description = "Only this benchmark; repeatable.")
    private List<String> only = new ArrayList<>();

    @Option(names = "--data", description = "Also run the benchmarks that are off by default (data loading).")
    private boolean data;

    @Option(names = "--quick", description = "One repetition each: checks the command, not for reporting figures.")
    private boolean quick;

    @Option(names = "--peer", paramLabel = "TOOL", description = "Also measure the same GEMM shapes and epochs with"
            + " TOOL on this machine and print both figures with their ratio; TOOL is 'pytorch' (runs "
            + PytorchPeer.SCRIPT + "; needs Python 3 with PyTorch; takes minutes). Off by default.")
    private String peer;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "python3",
            description = "Python interpreter for --peer pytorch (default: ${DEFAULT-VALUE}).")
    private String python;

    @Option(names = "--peer-script", paramLabel = "FILE", description = "The peer script; by default "
            + PytorchPeer.SCRIPT + " under the working directory or above the specsoc jar.")
    private Path peerScript;

    @Override
    public Integer call() throws Exception {
        List<Benchmark> benchmarks = selectBenchmarks(
                cli.injector().getInstance(Key.get(new TypeLiteral<Set<Benchmark>>() { })));
        Map<String, ComputeBackendFactory> backends = selectBackends(
                cli.injector().getInstance(InstalledPlugins.class),
                cli.injector().getInstance(ComputeBackendSelector.class));
        PrintWriter out = spec.commandLine().getOut();
        Path script = peer == null ? null : peerScript();
        if (benchmarks.isEmpty()) {
            spec.commandLine().getErr().println("specsoc: no benchmarks are installed; nothing to measure");
        }

        var measurements = new ArrayList<Measurement>();
        boolean failed = false;
        Path scratch = Files.createTempDirectory("specsoc-bench");
        try {
            BenchOptions options = options(scratch);
            for (ComputeBackendFactory factory : backends.values()) {
                if (benchmarks.isEmpty()) {
                    break;
                }
                var context = new RunnerPluginContext(null, new RandomStreams(0).child("bench"), List.of(),
                        List.of(), cli.workingDirectory(), null);
                try (ComputeBackend compute = factory.create(factory.configSpec()
                        .bind(PluginKind.COMPUTE_BACKEND.prefix(), Map.of()), context)) {
                    LOG.info("Benchmarking on {}", compute.device());
                    for (Benchmark benchmark : benchmarks) {
                        try {
                            measurements.addAll(benchmark.run(compute, options));
                        } catch (Exception e) {
                            failed = true;
                            LOG.error("benchmark '{}' failed on '{}': {}", benchmark.name(), factory.name(),
                                    e.toString());
                            LOG.debug("stack trace", e);
                        }
                    }
                }
            }
        } finally {
            deleteRecursively(scratch);
        }
        table(measurements).forEach(out::println);
        out.flush();
        var peerMeasurements = new ArrayList<Measurement>();
        if (script != null) {
            List<String> groups = benchmarks.stream().map(Benchmark::name).filter(PytorchPeer.GROUPS::contains)
                    .toList();
            if (groups.isEmpty()) {
                LOG.warn("--peer pytorch: none of the selected benchmarks has a PyTorch counterpart ({})",
                        String.join(", ", PytorchPeer.GROUPS));
            } else {
                try {
                    LOG.info("Running the PyTorch peer: {} {}", python, script);
                    // one torch thread suits Debian's OpenBLAS build, all cores suit MKL builds: try both
                    int cores = Runtime.getRuntime().availableProcessors();
                    PytorchPeer.Result result = PytorchPeer.run(python, script, options(scratch), groups,
                            cores == 1 ? List.of(1) : List.of(1, cores));
                    peerMeasurements.addAll(result.measurements());
                    out.println();
                    comparisonTable(result, PytorchPeer.compare(measurements, result.measurements()))
                            .forEach(out::println);
                    out.flush();
                } catch (PytorchPeer.PeerException e) {
                    failed = true;
                    spec.commandLine().getErr().println("specsoc: " + e.getMessage());
                }
            }
        }
        if (json != null) {
            var all = new ArrayList<>(measurements);
            all.addAll(peerMeasurements);
            AtomicFileWriter.write(cli.workingDirectory().resolve(json), toJson(all));
            LOG.info("Wrote {}", json);
        }
        return failed ? SpecsocCli.RUN_FAILED : SpecsocCli.OK;
    }

    private Path peerScript() {
        if (!peer.equals("pytorch")) {
            throw new ConfigurationException("--peer: unknown peer '" + peer + "'; known: pytorch"
                    + NearestName.suggestion(peer, List.of("pytorch")));
        }
        if (peerScript != null) {
            Path given = cli.workingDirectory().resolve(peerScript);
            if (!Files.isRegularFile(given)) {
                throw new ConfigurationException("--peer-script: no such file: " + given);
            }
            return given;
        }
        return PytorchPeer.findScript(cli.workingDirectory(), PytorchPeer.codeLocation())
                .orElseThrow(() -> new ConfigurationException("--peer pytorch: cannot find " + PytorchPeer.SCRIPT
                        + " under " + cli.workingDirectory() + " or above " + PytorchPeer.codeLocation()
                        + "; name it with --peer-script"));
    }

    static List<String> comparisonTable(PytorchPeer.Result peer, List<PytorchPeer.Comparison> rows) {
        var lines = new ArrayList<String>();
        String threads = peer.threads().isEmpty() ? "threads not reported"
                : peer.threads().size() == 1 ? "torch threads " + peer.threads().get(0)
                : "fastest of torch threads " + peer.threads().stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + " per measurement";
        lines.add(String.format(Locale.ROOT, "Beside PyTorch %s (%s) on this machine; ratio > 1: specsoc is faster",
                peer.torchVersion(), threads));
        if (rows.isEmpty()) {
            lines.add("  (no measurement names in common)");
            return lines;
        }
        var table = new TextTable("backend", "benchmark", "specsoc", "pytorch", "ratio");
        for (PytorchPeer.Comparison c : rows) {
            table.row(c.backend(), c.name(), c.ours(), c.peer(), String.format(Locale.ROOT, "%.2f", c.ratio()));
        }
        lines.addAll(table.render(""));
        return lines;
    }

    private BenchOptions options(Path scratch) {
        BenchOptions paper = BenchOptions.paper(scratch);
        return quick ? new BenchOptions(paper.samples(), paper.bands(), paper.batch(), paper.hidden(), paper.latent(),
                1, true, scratch) : paper;
    }

    private List<Benchmark> selectBenchmarks(Set<Benchmark> installed) {
        var byName = new TreeMap<String, Benchmark>();
        installed.forEach(b -> byName.put(b.name(), b));
        var problems = new ArrayList<String>();
        for (String name : only) {
            if (!byName.containsKey(name)) {
                problems.add("--only: unknown benchmark '" + name + "'; known: "
                        + (byName.isEmpty() ? "none installed" : String.join(", ", byName.keySet()))
                        + NearestName.suggestion(name, byName.keySet()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return byName.values().stream()
                .filter(b -> only.isEmpty() ? (b.runsByDefault() || data) : only.contains(b.name()))
                .sorted(Comparator.comparing(Benchmark::name)).toList();
    }

    private Map<String, ComputeBackendFactory> selectBackends(InstalledPlugins installed,
                                                              ComputeBackendSelector selector) {
        Map<String, ComputeBackendFactory> all = installed.computeBackends();
        if (backend != null) {
            ComputeBackendFactory chosen = selector.choose(backend, all).factory();
            return Map.of(chosen.name(), chosen);
        }
        var available = new TreeMap<String, ComputeBackendFactory>();
        selector.probeAll(all).forEach((name, a) -> {
            if (a.available()) {
                available.put(name, all.get(name));
            } else {
                LOG.info("Skipping compute backend '{}': {}", name, a.detail());
            }
        });
        if (available.isEmpty()) {
            throw new ConfigurationException("no compute backend is available here (see 'specsoc diagnose')");
        }
        return available;
    }

    static List<String> table(List<Measurement> measurements) {
        var table = new TextTable("backend", "benchmark", "GFLOP/s", "seconds", "samples/s", "note");
        for (Measurement m : measurements) {
            table.row(m.backend(), m.name(), format(m.gflops(), "%.1f"), format(m.seconds(), "%.4f"),
                    format(m.samplesPerSecond(), "%.0f"), m.note());
        }
        return table.render("");
    }

    private static String format(Double value, String pattern) {
        return value == null ? "" : String.format(Locale.ROOT, pattern, value);
    }

    /** snake_case fields ({@code samples_per_second}); absent figures are left out. */
    static String toJson(List<Measurement> measurements) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.INDENT_OUTPUT);
        return mapper.writeValueAsString(measurements) + System.lineSeparator();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete scratch folder {}: {}", dir, e.toString());
        }
    }
}
