package org.specsoc.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.specsoc.api.compute.Availability;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.runner.wiring.BackendChoice;
import org.specsoc.runner.wiring.ComputeBackendSelector;
import org.specsoc.runner.wiring.ConfigurationResolver;
import org.specsoc.runner.wiring.InstalledPlugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code specsoc diagnose}: the Java runtime, the CPU and its SIMD width, each compute backend's probe (the
 * OpenCL backend reports its platforms and devices there) and which backend {@code compute.backend=auto}
 * would pick, and why.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        description = "Shows Java, CPU and SIMD width, the compute backends (OpenCL platforms and devices) and"
                + " which backend compute.backend=auto would pick and why.")
final class DiagnoseCommand implements Callable<Integer> {

    @ParentCommand
    private SpecsocCli cli;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var system = TextTable.withoutHeader(2);
        system.row("specsoc", ManifestVersionProvider.version());
        system.row("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")");
        system.row("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        system.row("CPU", cpuModel().orElse("unknown") + ", " + Runtime.getRuntime().availableProcessors()
                + " logical processors available to the JVM");
        system.row("Max heap", (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        system.row("SIMD", simd());
        system.render("").forEach(out::println);

        InstalledPlugins installed = cli.injector().getInstance(InstalledPlugins.class);
        ComputeBackendSelector selector = cli.injector().getInstance(ComputeBackendSelector.class);
        Map<String, ComputeBackendFactory> backends = installed.computeBackends();
        out.println();
        out.println("Compute backends");
        if (backends.isEmpty()) {
            out.println("  (none installed)");
        }
        Map<String, Availability> probes = selector.probeAll(backends);
        probes.forEach((name, a) -> {
            ComputeBackendFactory f = backends.get(name);
            out.println("  " + name + " (" + (f.gpu() ? "GPU" : "CPU") + ", priority " + f.priority() + "): "
                    + (a.available() ? "available" : "unavailable"));
            a.detail().lines().forEach(line -> out.println("      " + line));
        });
        out.println();
        try {
            BackendChoice choice = selector.choose(ConfigurationResolver.AUTO, backends);
            out.println("compute.backend=auto picks '" + choice.name() + "'");
            out.println("  why: " + choice.reason().lines().findFirst().orElse(""));
            choice.skipped().forEach(line -> out.println("  not " + line.lines().findFirst().orElse("")));
        } catch (ConfigurationException e) {
            out.println("compute.backend=auto picks nothing: " + String.join("; ", e.problems()));
        }
        out.flush();
        return SpecsocCli.OK;
    }

    private static String simd() {
        try {
            return SimdProbe.describe();
        } catch (LinkageError e) {
            return "unknown: the Vector API is not loaded (start Java with --add-modules jdk.incubator.vector)";
        }
    }

    /** The model name from /proc/cpuinfo (Linux); empty elsewhere. */
    static Optional<String> cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name") && l.contains(":"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
