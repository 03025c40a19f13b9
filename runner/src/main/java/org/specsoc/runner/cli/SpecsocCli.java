package org.specsoc.runner.cli;

import ch.qos.logback.classic.Level;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.runner.report.ReportCommand;
import org.specsoc.runner.wiring.SpecsocWiring;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code specsoc} command line. Exit codes: 0 success, 1 a run that failed (one line; the stack trace
 * with {@code --verbose}), 2 a usage or configuration error (every configuration problem listed).
 *
 * <p>To add a subcommand, write a picocli {@code @Command} class with a {@code @ParentCommand SpecsocCli}
 * field (which gives {@link #injector()} and {@link #workingDirectory()}) and list it in {@code subcommands}
 * below.
 */
@Command(name = "specsoc", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        description = "Soil organic carbon from Vis-NIR spectra: an encoder trained together with a decoder that"
                + " reconstructs the spectrum.",
        subcommands = {RunCommand.class, PluginsCommand.class, DiagnoseCommand.class, BenchCommand.class,
                GenerateCommand.class, ReportCommand.class, org.specsoc.runner.predict.PredictCommand.class,
                org.specsoc.runner.predict.PredictDemoCommand.class},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Exit codes: 0 success, 1 run failure, 2 usage or configuration error."})
public final class SpecsocCli implements Callable<Integer> {
    public static final int OK = 0;
    public static final int RUN_FAILED = 1;
    public static final int CONFIG_ERROR = 2;

    private static final Logger LOG = LoggerFactory.getLogger(SpecsocCli.class);

    private final Supplier<Injector> wiring;
    private final Path workingDirectory;
    private Injector injector;
    private boolean verbose;

    @Spec
    private CommandSpec spec;

    /** The command line of an installation: everything on the class path, the JVM's working directory. */
    public SpecsocCli() {
        this(SpecsocWiring::discover, Path.of("").toAbsolutePath());
    }

    /** With explicit wiring (tests pass fakes) and the folder relative paths resolve against. */
    public SpecsocCli(Supplier<Injector> wiring, Path workingDirectory) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    public static void main(String[] args) {
        bridgeJavaUtilLogging();
        System.exit(new SpecsocCli().commandLine().execute(args));
    }

    /**
     * Aparapi logs through java.util.logging: route that into SLF4J/logback with everything else (Commons
     * Configuration's commons-logging calls already land there through jcl-over-slf4j).
     */
    public static void bridgeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** A picocli command line for this command, with the exit-code mapping installed. */
    public CommandLine commandLine() {
        var commandLine = new CommandLine(this);
        commandLine.setExecutionExceptionHandler((ex, cl, parseResult) -> handle(ex, cl.getErr()));
        return commandLine;
    }

    /** The Guice injector, created on first use (so {@code --help} and {@code --version} need no plugins). */
    public synchronized Injector injector() {
        if (injector == null) {
            injector = wiring.get();
        }
        return injector;
    }

    /** The folder relative configuration paths are resolved against. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Debug logging, and the stack trace when a run fails.")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
        if (verbose && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.DEBUG);
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("specsoc: a command is required");
        spec.commandLine().usage(spec.commandLine().getErr());
        return CONFIG_ERROR;
    }

    private int handle(Exception ex, PrintWriter err) {
        Throwable cause = unwrap(ex);
        if (cause instanceof ConfigurationException config) {
            err.println(render(config));
            err.flush();
            return CONFIG_ERROR;
        }
        if (cause instanceof org.specsoc.runner.experiment.RunsFailedException failures) {
            // The sweep finished and wrote its report; the failures are listed there, not in a stack trace.
            err.println("specsoc: " + failures.getMessage());
            err.flush();
            return RUN_FAILED;
        }
        LOG.debug("run failed", cause);
        err.println("specsoc: failed: " + describe(cause) + (verbose ? "" : " (--verbose shows the stack trace)"));
        if (verbose) {
            cause.printStackTrace(err);
        }
        err.flush();
        return RUN_FAILED;
    }

    /** Guice wraps what constructors throw; the user needs what is inside. */
    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof ProvisionException || t instanceof CreationException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** One problem on one line; several as a numbered list under one heading. */
    static String render(ConfigurationException e) {
        var problems = e.problems();
        if (problems.size() == 1) {
            return "specsoc: " + problems.get(0);
        }
        var sb = new StringBuilder("specsoc: " + problems.size() + " configuration problems:");
        for (int i = 0; i < problems.size(); i++) {
            sb.append(System.lineSeparator()).append("  ").append(i + 1).append(") ").append(problems.get(i));
        }
        return sb.toString();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getName();
        }
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl).trim();
        return t.getClass().getSimpleName() + ": " + first;
    }
}
