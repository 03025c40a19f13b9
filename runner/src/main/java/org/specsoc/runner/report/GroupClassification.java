package org.specsoc.runner.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.specsoc.runner.experiment.PlanData;
import org.specsoc.runner.experiment.RunResult;

/**
 * Table 2's split of held-out groups: "problematic" groups have a validation R² below 0 in every run that held
 * them out (all seeds and architectures), the others "generalise". The authors' table was computed with
 * regions 1 and 2 added to the problematic group (reference spec, section 5); an explicit list reproduces that.
 *
 * @param problematic  problematic groups, in group order
 * @param generalising the other groups, in group order
 * @param rule         how the split was made, for the summary
 */
public record GroupClassification(List<String> problematic, List<String> generalising, String rule) {

    public GroupClassification {
        problematic = List.copyOf(problematic);
        generalising = List.copyOf(generalising);
    }

    /** By the definition: validation R² < 0 in every run of the group. */
    public static GroupClassification byDefinition(List<RunResult> runs) {
        var allNegative = new TreeMap<String, Boolean>(PlanData.GROUP_ORDER);
        for (RunResult r : runs) {
            allNegative.merge(r.key().group(), r.validation().r2() < 0, Boolean::logicalAnd);
        }
        var problematic = new ArrayList<String>();
        var generalising = new ArrayList<String>();
        allNegative.forEach((g, bad) -> (bad ? problematic : generalising).add(g));
        return new GroupClassification(problematic, generalising,
                "problematic = validation R² < 0 in every run that held the group out");
    }

    /** An explicit list of problematic groups; every other group of {@code runs} generalises. */
    public static GroupClassification explicit(List<RunResult> runs, List<String> problematicGroups) {
        var groups = new TreeMap<String, Boolean>(PlanData.GROUP_ORDER);
        runs.forEach(r -> groups.put(r.key().group(), problematicGroups.contains(r.key().group())));
        for (String g : problematicGroups) {
            if (!groups.containsKey(g)) {
                throw new IllegalArgumentException("problematic group '" + g + "' has no runs; groups: "
                        + groups.keySet());
            }
        }
        var problematic = new ArrayList<String>();
        var generalising = new ArrayList<String>();
        groups.forEach((g, bad) -> (bad ? problematic : generalising).add(g));
        return new GroupClassification(problematic, generalising, "problematic groups given explicitly");
    }

    public List<RunResult> problematicRuns(List<RunResult> runs) {
        return runs.stream().filter(r -> problematic.contains(r.key().group())).toList();
    }

    public List<RunResult> generalisingRuns(List<RunResult> runs) {
        return runs.stream().filter(r -> generalising.contains(r.key().group())).toList();
    }

    /** Mean validation R² per group, for the summary. */
    public static Map<String, Double> meanValidationR2(List<RunResult> runs) {
        var sums = new TreeMap<String, double[]>(PlanData.GROUP_ORDER);
        for (RunResult r : runs) {
            double[] s = sums.computeIfAbsent(r.key().group(), g -> new double[2]);
            s[0] += r.validation().r2();
            s[1]++;
        }
        var out = new TreeMap<String, Double>(PlanData.GROUP_ORDER);
        sums.forEach((g, s) -> out.put(g, s[0] / s[1]));
        return out;
    }
}
