package org.specsoc.runner.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.datasets.csv.SpectraCsvWriter;
import org.specsoc.datasets.synthetic.SyntheticDataSource;
import org.specsoc.runner.config.ConfigFileLoader;
import org.specsoc.runner.wiring.ConfigurationResolver;
import org.specsoc.runner.wiring.InstalledPlugins;
import org.specsoc.runner.wiring.RunnerPluginContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code specsoc generate CONFIG --out FILE.csv}: loads (or generates) the configuration's data set and writes it
 * in the generic wide CSV layout; for the synthetic generator the planted truth goes into {@code <FILE>_truth/}
 * beside it.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        description = {"Writes the configuration's data set (e.g. dataset.type=synthetic) as a wide CSV file.",
                "For synthetic data the planted ground truth is written into <FILE>_truth/ next to it."})
final class GenerateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(GenerateCommand.class);

    @ParentCommand
    private SpecsocCli cli;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "Configuration file: .properties, .yaml or .yml.")
    private Path config;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "The CSV file to write.")
    private Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Sets a key, overriding the file's value.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Path base = cli.workingDirectory();
        // only the data set matters here: a file that selects no experiment is fine, but every key is checked
        var loaded = new ConfigFileLoader().load(base.resolve(config), overrides);
        var resolved = cli.injector().getInstance(ConfigurationResolver.class).resolveWithoutExperiment(loaded);
        var dataset = resolved.dataset().orElseThrow(() -> new ConfigurationException(
                List.of("the configuration selects no data set: set 'dataset.type' (e.g. synthetic)")));
        var installed = cli.injector().getInstance(InstalledPlugins.class);
        var context = new RunnerPluginContext(null, new RandomStreams(0).child("generate"), List.of(),
                installed.libraryReaders(), base, null);
        SpectralDataSource source = dataset.factory().create(dataset.config(), context);
        SpectralDataset data = source.load();
        Path target = base.resolve(out).toAbsolutePath().normalize();
        SpectraCsvWriter.write(data, target);
        LOG.info("Wrote {} ({} spectra x {} wavelengths)", target, data.rows(), data.bands());
        if (source instanceof SyntheticDataSource synthetic && synthetic.truth().isPresent()) {
            String name = target.getFileName().toString();
            String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
            Path truthDir = target.resolveSibling(stem + "_truth");
            synthetic.truth().get().writeTo(java.nio.file.Files.createDirectories(truthDir));
            LOG.info("Wrote the planted ground truth into {}", truthDir);
        }
        return SpecsocCli.OK;
    }
}
