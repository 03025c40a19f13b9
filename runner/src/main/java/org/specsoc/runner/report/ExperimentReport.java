package org.specsoc.runner.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.specsoc.runner.experiment.Architecture;
import org.specsoc.runner.experiment.GroundTruth;
import org.specsoc.runner.experiment.Phase;
import org.specsoc.runner.experiment.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the summary of a sweep says, computed from its run results only (so a resumed sweep and an
 * uninterrupted one report the same): the paper-layout table, and for leave-one-group-out the problematic /
 * generalising split, the Welch tests and the learned SOC spectrum.
 *
 * @param experiment      experiment type
 * @param architectures   in table order
 * @param table           the paper-layout table
 * @param classification  Table 2's split (leave-one-group-out only)
 * @param meanR2ByGroup   mean validation R² per held-out group (leave-one-group-out and fine-tuning)
 * @param welch           the t-tests (leave-one-group-out only)
 * @param soc             Experiment 2's f_SOC summary, when runs learned one
 * @param truth           what the data planted, when known
 * @param batchNormMode   the BatchNorm evaluation mode the metrics were computed with
 * @param runs            how many runs the sweep has, failed ones included
 * @param failures        the runs that diverged or failed, in plan order; left out of everything above
 */
public record ExperimentReport(String experiment, List<Architecture> architectures, ResultTable table,
                               Optional<GroupClassification> classification, Map<String, Double> meanR2ByGroup,
                               List<WelchComparison> welch, Optional<SocSpectrumSummary> soc,
                               Optional<GroundTruth> truth, String batchNormMode, int runs,
                               List<RunResult> failures) {

    public ExperimentReport {
        failures = List.copyOf(failures);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentReport.class);
    public static final String ALL = "All regions";
    public static final String PROBLEMATIC = "Problematic regions";
    public static final String GENERALISING = "Generalizing regions";
    public static final String PRETRAINED = "After pre-training";
    public static final String FINETUNED = "After fine-tuning";

    /**
     * Builds the report of one experiment.
     *
     * @param all               every run's result; those that did not succeed only appear in {@link #failures()}
     * @param problematicGroups empty = Table 2's groups by definition; otherwise exactly these groups
     */
    public static ExperimentReport build(String experiment, List<RunResult> all, List<Architecture> architectures,
                                         List<String> problematicGroups, double[] wavelengths,
                                         Optional<GroundTruth> truth, String batchNormMode) {
        List<RunResult> results = all.stream().filter(RunResult::succeeded).toList();
        List<RunResult> failures = all.stream().filter(r -> !r.succeeded()).toList();
        Optional<GroupClassification> classification = Optional.empty();
        Map<String, Double> meanR2 = Map.of();
        List<WelchComparison> welch = List.of();
        Optional<SocSpectrumSummary> soc = Optional.empty();
        ResultTable table;
        switch (experiment) {
            case "loro" -> {
                // A listed group whose every run failed has nothing to classify; a group with no run at all is
                // still refused (a typo in experiment.problematic-groups).
                var finished = results.stream().map(r -> r.key().group()).collect(java.util.stream.Collectors.toSet());
                var planned = all.stream().map(r -> r.key().group()).collect(java.util.stream.Collectors.toSet());
                List<String> listed = problematicGroups.stream()
                        .filter(g -> finished.contains(g) || !planned.contains(g)).toList();
                GroupClassification groups = problematicGroups.isEmpty()
                        ? GroupClassification.byDefinition(results)
                        : GroupClassification.explicit(results, listed);
                classification = Optional.of(groups);
                meanR2 = GroupClassification.meanValidationR2(results);
                var blocks = new ArrayList<ResultTable.Block>();
                blocks.add(ResultTable.Block.of(ALL, results, architectures));
                blocks.add(ResultTable.Block.of(PROBLEMATIC + ": " + String.join(", ", groups.problematic()),
                        groups.problematicRuns(results), architectures));
                blocks.add(ResultTable.Block.of(GENERALISING + ": " + String.join(", ", groups.generalising()),
                        groups.generalisingRuns(results), architectures));
                table = new ResultTable("Table 2: leave one region out", blocks);
                welch = WelchComparison.of(results, groups, architectures);
                soc = socSummary(results, wavelengths, truth);
            }
            case "finetune" -> {
                List<RunResult> pre = results.stream().filter(r -> r.key().phase() == Phase.PRETRAIN).toList();
                List<RunResult> fine = results.stream().filter(r -> r.key().phase() == Phase.FINETUNE).toList();
                meanR2 = GroupClassification.meanValidationR2(fine);
                table = new ResultTable("Table 3: pre-training with few labels, fine-tuning on the held-out region",
                        List.of(ResultTable.Block.of(PRETRAINED, pre, architectures),
                                ResultTable.Block.of(FINETUNED, fine, architectures)));
            }
            default -> {
                String split = results.isEmpty() ? "" : results.get(0).key().group();
                long seeds = results.stream().mapToLong(r -> r.key().seed()).distinct().count();
                table = new ResultTable("Table 1: random split stratified by region",
                        List.of(ResultTable.Block.of(splitName(split) + "; " + seeds + " seeds", results,
                                architectures)));
                soc = socSummary(results, wavelengths, truth);
            }
        }
        return new ExperimentReport(experiment, List.copyOf(architectures), table, classification, meanR2, welch,
                soc, truth, batchNormMode, all.size(), failures);
    }

    /**
     * Experiment 2's summary, when f_SOC was learned on the data set's grid. A run function whose preprocessing
     * changed the grid gives spectra of another length: the summary is then left out with a warning rather than
     * failing a finished sweep.
     */
    private static Optional<SocSpectrumSummary> socSummary(List<RunResult> results, double[] wavelengths,
                                                           Optional<GroundTruth> truth) {
        if (wavelengths == null) {
            return Optional.empty();
        }
        boolean sameGrid = results.stream().map(RunResult::socSpectrum).filter(java.util.Objects::nonNull)
                .allMatch(f -> f.length == wavelengths.length);
        if (!sameGrid) {
            LOG.warn("f_SOC is not on the data set's {}-band grid; the f_SOC summary and plot are left out",
                    wavelengths.length);
            return Optional.empty();
        }
        if (truth.isPresent() && truth.get().socSpectrum().length != wavelengths.length) {
            LOG.warn("the planted f_SOC is not on the data set's grid; it is not compared");
            truth = Optional.empty();
        }
        return SocSpectrumSummary.of(results, wavelengths, truth);
    }

    /** Whether the problematic groups are exactly the planted out-of-distribution ones (empty when none planted). */
    public Optional<Boolean> plantedOodRecovered() {
        if (truth.isEmpty() || truth.get().oodGroups().isEmpty() || classification.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new java.util.HashSet<>(classification.get().problematic()).equals(truth.get().oodGroups()));
    }

    private static String splitName(String group) {
        return switch (group) {
            case "random" -> "per-spectrum split";
            case "by-pedon" -> "split by pedon";
            default -> group;
        };
    }
}
