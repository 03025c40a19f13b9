package org.specsoc.runner.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.plugin.RandomStreams;

/**
 * Turns an experiment's settings into its runs, exactly as the authors ran them (reference spec, sections
 * 1.5 and 6). Splits and pedon draws depend on the seed only, never on the architecture, so the architectures
 * of one seed see the same rows. Rows without a SOC label are never used for labels or metrics.
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
                var train = new ArrayList<Integer>();
                byGroup.forEach((other, rows) -> {
                    if (!other.equals(g)) {
                        train.addAll(labelledOnly(rows));
                    }
                });
                IndexSets rows = IndexSets.supervised(toArray(train), toArray(labelledOnly(byGroup.get(g))));
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
        var tasks = new ArrayList<RunTask>();
        for (long seed : seeds) {
            Map<String, List<String>> draws = new LinkedHashMap<>();
            byGroup.forEach((g, rows) -> draws.put(g, drawPedons(seed, g, rows, pedons, labelledPedons)));
            for (String g : heldOut) {
                var labelled = new ArrayList<Integer>();
                var unlabelled = new ArrayList<Integer>();
                var unusedLabels = new ArrayList<Integer>();
                byGroup.forEach((other, rows) -> {
                    if (other.equals(g)) {
                        return;
                    }
                    var chosen = new LinkedHashSet<>(draws.get(other));
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
        String[] pedons = groupBy == GroupBy.PEDON ? requirePedons(pedonKey) : null;
        var train = new ArrayList<Integer>();
        var validation = new ArrayList<Integer>();
        SplittableRandom random = new RandomStreams(seed).stream("split:" + groupBy.name().toLowerCase());
        for (var entry : data.rowsByGroup().entrySet()) {
            List<Integer> rows = labelledOnly(entry.getValue());
            if (groupBy == GroupBy.SPECTRUM) {
                // The authors: permute each region's rows, the first floor(0.4 n) validate.
                List<Integer> order = shuffled(rows, random);
                int n = (int) Math.floor(fraction * order.size());
                validation.addAll(order.subList(0, n));
                train.addAll(order.subList(n, order.size()));
            } else {
                var distinct = new ArrayList<>(new TreeSet<>(rows.stream().map(r -> pedons[r]).toList()));
                List<String> order = shuffled(distinct, random);
                var chosen = new LinkedHashSet<>(order.subList(0, (int) Math.floor(fraction * order.size())));
                for (int r : rows) {
                    (chosen.contains(pedons[r]) ? validation : train).add(r);
                }
            }
        }
        return IndexSets.supervised(toArray(train), toArray(validation));
    }

    /** k pedons of one group, drawn without replacement; the draw depends on seed and group only. */
    private List<String> drawPedons(long seed, String group, List<Integer> rows, String[] pedons, int k) {
        var distinct = new ArrayList<>(new TreeSet<>(labelledOnly(rows).stream().map(r -> pedons[r]).toList()));
        SplittableRandom random = new RandomStreams(seed).stream("pedon-draw:" + group);
        List<String> order = shuffled(distinct, random);
        return List.copyOf(order.subList(0, Math.min(k, order.size())));
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

    /** Fisher-Yates with the given stream. */
    static <T> List<T> shuffled(List<T> items, SplittableRandom random) {
        var out = new ArrayList<>(items);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    private static int[] toArray(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

}
