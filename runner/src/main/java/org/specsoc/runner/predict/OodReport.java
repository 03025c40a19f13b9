package org.specsoc.runner.predict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How well the trust outputs of a prediction run did on spectra whose truth is known: per group (a region,
 * or "in-distribution" / "out-of-distribution" for data with planted unfamiliar regions) the share of spectra
 * flagged as out of distribution and the share of labelled spectra whose SOC interval contains the laboratory
 * value, each with a 95 % Wilson score interval so that "about nominal" can be judged against the sample size.
 *
 * @param groups one summary per group, in order of first appearance
 * @param all    the summary over every spectrum
 */
public record OodReport(List<Group> groups, Group all) {

    public static final String IN_DISTRIBUTION = "in-distribution";
    public static final String OUT_OF_DISTRIBUTION = "out-of-distribution";

    /**
     * @param spectra      spectra in the group
     * @param flagged      of them flagged as out of distribution (0 when the model has no decoder)
     * @param flaggedRate  flagged / spectra ({@code NaN} when the model has no decoder)
     * @param labelled     spectra with a laboratory SOC
     * @param covered      of them inside their interval
     * @param coverage     covered / labelled ({@code NaN} when none is labelled)
     * @param meanWidth    mean interval width (mass fraction) over the labelled spectra
     */
    public record Group(String name, int spectra, int flagged, double flaggedRate, double flaggedRateLow,
                        double flaggedRateHigh, int labelled, int covered, double coverage, double coverageLow,
                        double coverageHigh, double meanWidth) {
    }

    /** Maps region names to {@link #OUT_OF_DISTRIBUTION} when in {@code unfamiliar}, else {@link #IN_DISTRIBUTION}. */
    public static String[] byMembership(String[] region, Set<String> unfamiliar) {
        String[] out = new String[region.length];
        for (int i = 0; i < region.length; i++) {
            out[i] = unfamiliar.contains(region[i]) ? OUT_OF_DISTRIBUTION : IN_DISTRIBUTION;
        }
        return out;
    }

    /**
     * @param group   group of each spectrum
     * @param flagged OOD flag of each spectrum; {@code null} for a model without decoder
     * @param truth   laboratory SOC (mass fraction), {@code NaN} when unknown
     * @param lower   interval lower bound of each spectrum
     * @param upper   interval upper bound
     */
    public static OodReport of(String[] group, boolean[] flagged, double[] truth, double[] lower, double[] upper) {
        int n = group.length;
        if ((flagged != null && flagged.length != n) || truth.length != n || lower.length != n || upper.length != n) {
            throw new IllegalArgumentException("every per-spectrum array must have " + n + " values");
        }
        var tallies = new LinkedHashMap<String, Tally>();
        Tally all = new Tally();
        for (int i = 0; i < n; i++) {
            Tally t = tallies.computeIfAbsent(group[i], g -> new Tally());
            boolean f = flagged != null && flagged[i];
            boolean labelled = !Double.isNaN(truth[i]);
            boolean inside = labelled && truth[i] >= lower[i] && truth[i] <= upper[i];
            double width = upper[i] - lower[i];
            t.add(f, labelled, inside, width);
            all.add(f, labelled, inside, width);
        }
        var groups = new ArrayList<Group>();
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            groups.add(e.getValue().summary(e.getKey(), flagged != null));
        }
        return new OodReport(List.copyOf(groups), all.summary("all", flagged != null));
    }

    /** A fixed-width table for logs and reports. */
    public String toTable() {
        var sb = new StringBuilder(String.format(Locale.ROOT, "%-22s %8s %8s %21s %8s %8s %21s %10s%n", "group",
                "spectra", "flagged", "flagged rate (95% CI)", "labelled", "covered", "coverage (95% CI)",
                "mean width"));
        for (Group g : groups) {
            row(sb, g);
        }
        row(sb, all);
        return sb.toString();
    }

    private static void row(StringBuilder sb, Group g) {
        sb.append(String.format(Locale.ROOT, "%-22s %8d %8d %21s %8d %8d %21s %10.5f%n", g.name(), g.spectra(),
                g.flagged(), rate(g.flaggedRate(), g.flaggedRateLow(), g.flaggedRateHigh()), g.labelled(),
                g.covered(), rate(g.coverage(), g.coverageLow(), g.coverageHigh()), g.meanWidth()));
    }

    private static String rate(double r, double lo, double hi) {
        return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", r, lo, hi);
    }

    /**
     * Wilson score interval at 95 % for {@code k} successes in {@code n} trials: {low, high}. Better than the
     * normal approximation near 0 and 1, where flag rates of in-distribution data live.
     */
    static double[] wilson(int k, int n) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double z = 1.959963984540054;
        double p = (double) k / n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static final class Tally {
        int spectra;
        int flagged;
        int labelled;
        int covered;
        double width;

        void add(boolean f, boolean isLabelled, boolean inside, double w) {
            spectra++;
            if (f) {
                flagged++;
            }
            if (isLabelled) {
                labelled++;
                width += w;
                if (inside) {
                    covered++;
                }
            }
        }

        Group summary(String name, boolean hasFlags) {
            double[] f = hasFlags ? wilson(flagged, spectra) : new double[] {Double.NaN, Double.NaN};
            double[] c = wilson(covered, labelled);
            return new Group(name, spectra, flagged, hasFlags && spectra > 0 ? (double) flagged / spectra : Double.NaN,
                    f[0], f[1], labelled, covered, labelled > 0 ? (double) covered / labelled : Double.NaN, c[0], c[1],
                    labelled > 0 ? width / labelled : Double.NaN);
        }
    }
}
