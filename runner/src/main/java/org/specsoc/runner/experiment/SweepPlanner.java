package org.specsoc.runner.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.api.split.GroupedStratifiedSplit;
import org.specsoc.api.split.LeaveOneGroupOut;
import org.specsoc.api.split.PedonDraw;
import org.specsoc.api.split.Split;
import org.specsoc.api.split.StratifiedRandomSplit;

/**
 * Turns an experiment's settings into its runs, exactly as the authors ran them (reference spec, sections
 * 1.5 and 6). Splits and pedon draws depend on the seed only, never on the architecture, so the architectures
 * of one seed see the same rows. Rows without a SOC label are never used for labels or metrics. The splits and
 * pedon draws themselves are the shared ones of {@code org.specsoc.api.split}.
 */
public final class SweepPlanner {
    private final PlanData data;
    private final RunStore store;

    public SweepPlanner(PlanData data, RunStore store) {
        this.data = data;
        this.store = store;
    }

    /** How a random split assigns rows to validation. */
    public enum GroupBy {
        /** Per spectrum, as the authors did (samples of one pedon land on both sides). */
        SPECTRUM,
        /** Whole pedons, so no pedon is on both sides. */
        PEDON
    }

    /** Table 1: per seed, a random split stratified by group; every architecture on it. */
    public List<RunTask> split(List<Long> seeds, List<Architecture> architectures, double validationFraction,
                               GroupBy groupBy, String pedonKey) {
        var tasks = new ArrayList<RunTask>();
        String group = groupBy == GroupBy.SPECTRUM ? "random" : "by-pedon";
        for (long seed : seeds) {
            IndexSets rows = stratifiedSplit(seed, validationFraction, groupBy, pedonKey);
            for (Architecture a : architectures) {
                RunKey key = new RunKey("split", group, seed, a, Phase.TRAIN);
                tasks.add(RunTask.of(spec(key, rows, OptionalInt.empty(), null, null)));
            }
        }
        return tasks;
    }

    /** One model on one split, saved to {@code archive}. */
    public RunTask train(long seed, Architecture architecture, double validationFraction, GroupBy groupBy,
                         String pedonKey, Path archive) {
        IndexSets rows = stratifiedSplit(seed, validationFraction, groupBy, pedonKey);
        RunKey key = new RunKey("train", groupBy == GroupBy.SPECTRUM ? "random" : "by-pedon", seed, architecture,
                Phase.TRAIN);
        return RunTask.of(spec(key, rows, OptionalInt.empty(), null, archive));
    }

    /** Experiment 1: every held-out group x seed x architecture; training = the labelled rows of the others. */
    public List<RunTask> leaveOneGroupOut(List<Long> seeds, List<Architecture> architectures, List<String> heldOut) {
        Map<String, List<Integer>> byGroup = data.rowsByGroup();
        checkGroups(heldOut, byGroup);
        var tasks = new ArrayList<RunTask>();
        for (long seed : seeds) {
            for (String g : heldOut) {
                int[] labelled = labelledRows();
                Split split = LeaveOneGroupOut.holdOut(pick(data.groups(), labelled), g);
                IndexSets rows = IndexSets.supervised(back(split.train(), labelled),
                        back(split.validation(), labelled));
                for (Architecture a : architectures) {
                    tasks.add(RunTask.of(spec(new RunKey("loro", g, seed, a, Phase.TRAIN), rows,
                            OptionalInt.empty(), null, null)));
                }
            }
        }
        return tasks;
    }

    /**
     * Experiment 3: per seed, k pedons drawn in every group; for each held-out group, pre-training on the labels
     * of the drawn pedons of the other groups with all their other spectra unlabelled, then fine-tuning from
     * that model on the first j drawn pedons of the held-out group with all its other spectra unlabelled.
     */
    public List<RunTask> finetune(List<Long> seeds, List<Architecture> architectures, List<String> heldOut,
                                  int labelledPedons, int targetPedons, int finetuneEpochs, String pedonKey) {
        if (targetPedons > labelledPedons) {
            throw new ConfigurationException("experiment.finetune.target-pedons (" + targetPedons
                    + ") must not exceed experiment.finetune.labelled-pedons (" + labelledPedons + ")");
        }
        String[] pedons = requirePedons(pedonKey);
        Map<String, List<Integer>> byGroup = data.rowsByGroup();
        checkGroups(heldOut, byGroup);
        // Only groups with labelled spectra are drawn in; a group without any cannot be fine-tuned on.
        for (String g : heldOut) {
            if (labelledOnly(byGroup.get(g)).isEmpty()) {
                throw new ConfigurationException("key 'experiment.groups': group '" + g + "' has no labelled spectra");
            }
        }
        var tasks = new ArrayList<RunTask>();
        for (long seed : seeds) {
            Map<String, List<String>> draws = drawPedons(seed, labelledPedons, pedonKey).pedonsByRegion();
            for (String g : heldOut) {
                var labelled = new ArrayList<Integer>();
                var unlabelled = new ArrayList<Integer>();
                var unusedLabels = new ArrayList<Integer>();
                byGroup.forEach((other, rows) -> {
                    if (other.equals(g)) {
                        return;
                    }
                    var chosen = new LinkedHashSet<>(draws.getOrDefault(other, List.of()));
                    for (int r : rows) {
                        if (chosen.contains(pedons[r]) && data.labelled()[r]) {
                            labelled.add(r);
                        } else {
                            unlabelled.add(r);
                            if (data.labelled()[r]) {
                                unusedLabels.add(r);
                            }
                        }
                    }
                });
                int[] heldOutLabelled = toArray(labelledOnly(byGroup.get(g)));
                IndexSets pre = new IndexSets(toArray(labelled), toArray(unlabelled), heldOutLabelled,
                        unusedLabels.isEmpty() ? toArray(labelled) : toArray(unusedLabels));

                var target = new LinkedHashSet<>(draws.get(g).subList(0, Math.min(targetPedons, draws.get(g).size())));
                var fineLabelled = new ArrayList<Integer>();
                var fineRest = new ArrayList<Integer>();
                for (int r : byGroup.get(g)) {
                    if (target.contains(pedons[r]) && data.labelled()[r]) {
                        fineLabelled.add(r);
                    } else {
                        fineRest.add(r);
                    }
                }
                int[] rest = toArray(fineRest);
                if (labelledOnly(fineRest).isEmpty()) {
                    throw new ConfigurationException("key 'experiment.finetune.target-pedons': group '" + g + "' has "
                            + draws.get(g).size() + " labelled pedons drawn, all used for fine-tuning, which leaves"
                            + " nothing to validate on; lower it");
                }
                IndexSets fine = new IndexSets(toArray(fineLabelled), rest, toArray(labelledOnly(fineRest)),
                        toArray(fineLabelled));
                for (Architecture a : architectures) {
                    RunKey preKey = new RunKey("finetune", g, seed, a, Phase.PRETRAIN);
                    Path model = store.modelPath(preKey);
                    tasks.add(RunTask.of(
                            spec(preKey, pre, OptionalInt.empty(), null, model),
                            spec(preKey.withPhase(Phase.FINETUNE), fine, OptionalInt.of(finetuneEpochs), model, null)));
                }
            }
        }
        return tasks;
    }

    /** The groups to hold out: {@code requested}, or every group when it is empty. */
    public List<String> heldOutGroups(List<String> requested) {
        return requested.isEmpty() ? data.groupNames() : List.copyOf(requested);
    }

    private RunSpec spec(RunKey key, IndexSets rows, OptionalInt epochs, Path initialise, Path save) {
        if (rows.train().length == 0) {
            throw new ConfigurationException("run " + key.id() + " would train on no labelled spectra");
        }
        if (rows.validation().length == 0) {
            throw new ConfigurationException("run " + key.id() + " would validate on no labelled spectra");
        }
        return new RunSpec(key, rows, epochs, initialise, save, store.learningCurve(key));
    }

    private IndexSets stratifiedSplit(long seed, double fraction, GroupBy groupBy, String pedonKey) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new ConfigurationException("key 'experiment.validation-fraction': " + fraction
                    + " must lie strictly between 0 and 1");
        }
        int[] rows = labelledRows();
        String[] strata = pick(data.groups(), rows);
        SplittableRandom random = new RandomStreams(seed).stream("split:" + groupBy.name().toLowerCase());
        Split split;
        if (groupBy == GroupBy.SPECTRUM) {
            // The authors: permute each region's rows, the first floor(0.4 n) validate.
            split = new StratifiedRandomSplit(1 - fraction).split(strata, random);
        } else {
            try {
                split = new GroupedStratifiedSplit(1 - fraction).split(strata, pick(requirePedons(pedonKey), rows),
                        random);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("key '" + pedonKey + "': " + e.getMessage());
            }
        }
        return IndexSets.supervised(back(split.train(), rows), back(split.validation(), rows));
    }

    /** k pedons drawn in every group from the labelled rows; the draw depends on the seed only. */
    private PedonDraw.Draw drawPedons(long seed, int k, String pedonKey) {
        int[] rows = labelledRows();
        try {
            return new PedonDraw(pick(data.groups(), rows), pick(requirePedons(pedonKey), rows))
                    .draw(k, new RandomStreams(seed).stream("pedon-draw"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("key '" + pedonKey + "': " + e.getMessage());
        }
    }

    private int[] labelledRows() {
        return IntStream.range(0, data.rows()).filter(r -> data.labelled()[r]).toArray();
    }

    private static String[] pick(String[] column, int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = column[rows[i]];
        }
        return out;
    }

    /** Rows of the labelled subset back to rows of the data set. */
    private static int[] back(int[] subset, int[] rows) {
        int[] out = new int[subset.length];
        for (int i = 0; i < subset.length; i++) {
            out[i] = rows[subset[i]];
        }
        return out;
    }

    private String[] requirePedons(String pedonKey) {
        if (data.pedons() == null) {
            throw new ConfigurationException("key '" + pedonKey + "': the data set has no pedon column, which this"
                    + " experiment needs");
        }
        return data.pedons();
    }

    private static void checkGroups(List<String> heldOut, Map<String, List<Integer>> byGroup) {
        for (String g : heldOut) {
            if (!byGroup.containsKey(g)) {
                throw new ConfigurationException("key 'experiment.groups': the data set has no group '" + g
                        + "'; it has " + byGroup.keySet());
            }
        }
        if (byGroup.size() < 2) {
            throw new ConfigurationException("leaving a group out needs at least two groups; the data set has "
                    + byGroup.keySet());
        }
    }

    private List<Integer> labelledOnly(List<Integer> rows) {
        return rows.stream().filter(r -> data.labelled()[r]).toList();
    }

    private static int[] toArray(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

}
