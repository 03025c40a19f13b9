package org.specsoc.runner.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;
import org.specsoc.runner.experiment.Architecture;
import org.specsoc.runner.experiment.RunResult;

/**
 * Experiment 1's test: validation MRMSE of the runs on problematic groups against the runs on generalising
 * groups, per decoder, with a two-tailed Welch t-test (unequal variances; Commons Statistics {@link TTest}).
 *
 * @param architecture the decoder
 * @param problematic  validation MRMSE (%) over problematic runs
 * @param generalising validation MRMSE (%) over generalising runs
 * @param t            Welch's t statistic (problematic minus generalising)
 * @param df           Welch–Satterthwaite degrees of freedom
 * @param p            two-tailed p-value
 */
public record WelchComparison(Architecture architecture, MeanSe problematic, MeanSe generalising, double t,
                              double df, double p) {

    private static final TTest WELCH = TTest.withDefaults()
            .with(DataDispersion.HETEROSCEDASTIC)
            .with(AlternativeHypothesis.TWO_SIDED);

    /** One comparison per architecture with a decoder that has at least two runs on each side. */
    public static List<WelchComparison> of(List<RunResult> runs, GroupClassification groups,
                                           List<Architecture> architectures) {
        var out = new ArrayList<WelchComparison>();
        for (Architecture a : architectures) {
            if (!a.hasDecoder()) {
                continue;
            }
            double[] bad = mrmse(groups.problematicRuns(runs), a);
            double[] good = mrmse(groups.generalisingRuns(runs), a);
            if (bad.length < 2 || good.length < 2) {
                continue;
            }
            TTest.Result r = WELCH.test(bad, good);
            out.add(new WelchComparison(a, MeanSe.of(bad), MeanSe.of(good), r.getStatistic(),
                    r.getDegreesOfFreedom(), r.getPValue()));
        }
        return out;
    }

    private static double[] mrmse(List<RunResult> runs, Architecture a) {
        return runs.stream().filter(r -> r.key().architecture() == a)
                .mapToDouble(MetricColumn.VAL_MRMSE::value).filter(Double::isFinite).toArray();
    }
}
