package org.specsoc.runner.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.specsoc.runner.experiment.Architecture;
import org.specsoc.runner.experiment.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code specsoc report AUTHORS_RESULTS_DIR}: the paper's Tables 1-3, the Welch tests and (rho*r)_SOC recomputed
 * from the authors' logged per-run results, written as runs.csv / summary.md / summary.json (and the per-region
 * R² against MRMSE plot) under {@code table1/}, {@code exp1/} and {@code exp3/} of the output folder.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Recomputes the paper's Tables 1-3 from the authors' logged per-run results",
                "(the authors-results data folder), with the same code that reports specsoc's own sweeps."})
public final class ReportCommand implements Callable<Integer> {
    private static final List<Architecture> PAPER = List.of(Architecture.NONE, Architecture.ANN,
            Architecture.LINEAR_MIXING);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AUTHORS_RESULTS_DIR",
            description = "Folder with table1_6040_split_runs.csv, exp1_loro_full_labels_runs.csv and"
                    + " exp3_loro_partial_labels_runs.csv.")
    private Path folder;

    @Option(names = {"-o", "--output"}, defaultValue = "runs/authors-results",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Option(names = "--problematic", split = ",", paramLabel = "REGION",
            description = "Table 2's problematic regions; default: validation R² < 0 in every run (3, 5, 6, 8, 16,"
                    + " 18). The printed table used 1,2,3,5,6,8,16,18.")
    private List<String> problematic = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        for (String file : List.of(AuthorsResults.TABLE1, AuthorsResults.EXP1, AuthorsResults.EXP3)) {
            if (!Files.isRegularFile(folder.resolve(file))) {
                throw new java.io.FileNotFoundException(folder.resolve(file) + " not found");
            }
        }
        write("table1", "split", AuthorsResults.table1(folder), List.of());
        write("exp1", "loro", AuthorsResults.experiment1(folder), problematic);
        write("exp3", "finetune", AuthorsResults.experiment3(folder), List.of());
        spec.commandLine().getOut().println("Tables written under " + output.toAbsolutePath().normalize());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void write(String name, String experiment, List<RunResult> runs, List<String> problematicGroups)
            throws java.io.IOException {
        Path dir = output.resolve(name);
        Files.createDirectories(dir);
        // The authors' metrics were computed with BatchNorm in training mode (reference spec, section 2.6).
        ExperimentReport report = ExperimentReport.build(experiment, runs, PAPER, problematicGroups, null,
                Optional.empty(), "train (batch statistics of the evaluated set, as the authors)");
        List<String> plots = ReportPlots.write(dir, report, runs);
        ReportWriter.write(dir, report, runs, plots);
    }
}
