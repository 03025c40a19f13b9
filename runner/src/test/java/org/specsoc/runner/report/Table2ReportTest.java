package org.specsoc.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.specsoc.runner.experiment.Architecture;
import org.specsoc.runner.experiment.Metrics;
import org.specsoc.runner.experiment.Phase;
import org.specsoc.runner.experiment.RunKey;
import org.specsoc.runner.experiment.RunResult;

/** Table 2's blocks and the Welch test on a small constructed example whose answers are worked out by hand. */
class Table2ReportTest {
    private static final List<Architecture> DECODERS = List.of(Architecture.NONE, Architecture.ANN);

    private static RunResult run(String group, long seed, Architecture a, double r2, double mrmse) {
        return new RunResult(new RunKey("loro", group, seed, a, Phase.TRAIN), new Metrics(0.01, 0.9, 0.0, 0.005, 5),
                new Metrics(0.04, r2, 0.001, a.hasDecoder() ? mrmse : Double.NaN, 5), null, Double.NaN, 1, "", "",
                null);
    }

    /** Region A fails in every run; region B fails in one run of two (so it generalises); C is fine. */
    private static List<RunResult> example() {
        var runs = new ArrayList<RunResult>();
        runs.add(run("A", 1, Architecture.NONE, -1.0, 0));
        runs.add(run("A", 2, Architecture.NONE, -0.5, 0));
        runs.add(run("A", 1, Architecture.ANN, -2.0, 0.050));
        runs.add(run("A", 2, Architecture.ANN, -0.1, 0.060));
        runs.add(run("B", 1, Architecture.NONE, -0.2, 0));
        runs.add(run("B", 2, Architecture.NONE, 0.4, 0));
        runs.add(run("B", 1, Architecture.ANN, 0.3, 0.030));
        runs.add(run("B", 2, Architecture.ANN, 0.5, 0.034));
        runs.add(run("C", 1, Architecture.NONE, 0.6, 0));
        runs.add(run("C", 2, Architecture.NONE, 0.7, 0));
        runs.add(run("C", 1, Architecture.ANN, 0.8, 0.031));
        runs.add(run("C", 2, Architecture.ANN, 0.6, 0.029));
        return runs;
    }

    @Test
    void blocksSplitRegionsByTheDefinitionAndAverageTheirRuns() {
        ExperimentReport report = ExperimentReport.build("loro", example(), DECODERS, List.of(), null,
                Optional.empty(), "train");

        GroupClassification groups = report.classification().orElseThrow();
        assertThat(groups.problematic()).containsExactly("A");
        assertThat(groups.generalising()).containsExactly("B", "C");
        List<ResultTable.Block> blocks = report.table().blocks();
        assertThat(blocks).extracting(ResultTable.Block::name).containsExactly("All regions",
                "Problematic regions: A", "Generalizing regions: B, C");

        MeanSe allAnnR2 = blocks.get(0).row(Architecture.ANN).cell(MetricColumn.VAL_R2);
        // (-2.0 - 0.1 + 0.3 + 0.5 + 0.8 + 0.6) / 6 = 0.01666...
        assertThat(allAnnR2.mean()).isCloseTo(0.1 / 6, within(1e-12));
        MeanSe problematicMrmse = blocks.get(1).row(Architecture.ANN).cell(MetricColumn.VAL_MRMSE);
        // 5.0 % and 6.0 %: mean 5.5, sample sd 0.7071, s.e. 0.5
        assertThat(problematicMrmse.mean()).isCloseTo(5.5, within(1e-12));
        assertThat(problematicMrmse.se()).isCloseTo(0.5, within(1e-12));
        assertThat(blocks.get(2).row(Architecture.NONE).cell(MetricColumn.VAL_MRMSE).available()).isFalse();
        assertThat(blocks.get(2).row(Architecture.NONE).cell(MetricColumn.VAL_MRMSE).format(3)).isEqualTo("N/A");
        assertThat(blocks.get(2).row(Architecture.ANN).runs()).isEqualTo(4);
        assertThat(report.meanR2ByGroup()).containsEntry("A", (-1.0 - 0.5 - 2.0 - 0.1) / 4);
    }

    @Test
    void welchTestMatchesTheTextbookFormula() {
        ExperimentReport report = ExperimentReport.build("loro", example(), DECODERS, List.of(), null,
                Optional.empty(), "train");

        assertThat(report.welch()).hasSize(1);
        WelchComparison w = report.welch().get(0);
        assertThat(w.architecture()).isEqualTo(Architecture.ANN);
        double[] x = {5.0, 6.0};
        double[] y = {3.0, 3.4, 3.1, 2.9};
        double vx = variance(x) / x.length;
        double vy = variance(y) / y.length;
        double t = (mean(x) - mean(y)) / Math.sqrt(vx + vy);
        double df = Math.pow(vx + vy, 2) / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
        assertThat(w.t()).isCloseTo(t, within(1e-9));
        assertThat(w.df()).isCloseTo(df, within(1e-9));
        assertThat(w.p()).isBetween(0.0, 0.2);
        assertThat(w.generalising().n()).isEqualTo(4);

        // With region B declared problematic too, the test compares A+B against C.
        ExperimentReport explicit = ExperimentReport.build("loro", example(), DECODERS, List.of("A", "B"), null,
                Optional.empty(), "train");
        assertThat(explicit.classification().orElseThrow().generalising()).containsExactly("C");
        assertThat(explicit.welch().get(0).problematic().n()).isEqualTo(4);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double variance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return s / (v.length - 1);
    }
}
