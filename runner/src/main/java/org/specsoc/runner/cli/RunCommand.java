package org.specsoc.runner.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.specsoc.runner.wiring.ExperimentLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code specsoc run CONFIG [--set key=value]...}. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        description = {"Runs what the configuration file describes.",
                "The effective configuration (defaults included) is logged and written as"
                        + " effective-config.properties into output.dir."})
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    private SpecsocCli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "Configuration file: .properties, .yaml or .yml.")
    private Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Sets a key, overriding the file's value; repeatable.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--check",
            description = "Only check the configuration and print the effective configuration; run nothing.")
    private boolean check;

    @Override
    public Integer call() throws Exception {
        ExperimentLauncher launcher = cli.injector().getInstance(ExperimentLauncher.class);
        if (check) {
            var prepared = launcher.prepare(config, overrides, cli.workingDirectory());
            spec.commandLine().getOut().print(prepared.effective().toPropertiesText());
            spec.commandLine().getOut().flush();
            return SpecsocCli.OK;
        }
        launcher.run(config, overrides, cli.workingDirectory());
        return SpecsocCli.OK;
    }
}
