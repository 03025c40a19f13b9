package org.specsoc.runner.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.config.ConfigurationException;

class SweepPlannerTest {
    private static final List<Architecture> PAPER = List.of(Architecture.NONE, Architecture.ANN,
            Architecture.LINEAR_MIXING);
    private static final List<Long> TABLE1_SEEDS = List.of(0L, 100390439L, 23039L, 4054950L, 534L, 438923819L,
            31929L, 884932L, 20091L, 483999992L);
    private static final List<Long> EXP_SEEDS = List.of(0L, 329823L, 23L, 983219L);

    @TempDir
    Path dir;

    private final PlanData data = RegionWorld.layout(RegionWorld.RACA_REGIONS, 12, 3);

    private SweepPlanner planner() {
        return new SweepPlanner(data, new RunStore(dir.resolve("runs")));
    }

    private Set<Integer> set(int[] rows) {
        return Arrays.stream(rows).boxed().collect(Collectors.toSet());
    }

    private Set<Integer> labelledRows(String region) {
        return IntStream.range(0, data.rows()).filter(i -> data.labelled()[i] && data.groups()[i].equals(region))
                .boxed().collect(Collectors.toSet());
    }

    @Test
    void table1IsTenSeedsTimesThreeArchitecturesOnFortyPercentOfEachRegion() {
        List<RunTask> tasks = planner().split(TABLE1_SEEDS, PAPER, 0.4, SweepPlanner.GroupBy.SPECTRUM, "p");

        assertThat(tasks).hasSize(30);
        assertThat(tasks.stream().map(t -> t.phases().get(0).key().id()).distinct()).hasSize(30);
        for (RunTask t : tasks) {
            IndexSets rows = t.phases().get(0).rows();
            for (String r : RegionWorld.RACA_REGIONS) {
                Set<Integer> region = labelledRows(r);
                long validating = Arrays.stream(rows.validation()).filter(region::contains).count();
                assertThat(validating).as("region " + r).isEqualTo((long) Math.floor(0.4 * region.size()));
            }
            assertThat(set(rows.train())).doesNotContainAnyElementsOf(set(rows.validation()));
            assertThat(rows.train().length + rows.validation().length)
                    .isEqualTo((int) IntStream.range(0, data.rows()).filter(i -> data.labelled()[i]).count());
            assertThat(rows.trainingEvaluation()).isEqualTo(rows.train());
        }
        // One split per seed, shared by its architectures; seeds differ.
        assertThat(tasks.get(0).phases().get(0).rows()).isEqualTo(tasks.get(2).phases().get(0).rows());
        assertThat(tasks.get(0).phases().get(0).rows()).isNotEqualTo(tasks.get(3).phases().get(0).rows());
        // Same seed, same split on a second planning (determinism).
        assertThat(planner().split(TABLE1_SEEDS, PAPER, 0.4, SweepPlanner.GroupBy.SPECTRUM, "p").get(5).phases())
                .isEqualTo(tasks.get(5).phases());
    }

    @Test
    void aSplitByPedonNeverPutsOnePedonOnBothSides() {
        List<RunTask> tasks = planner().split(List.of(7L), PAPER, 0.4, SweepPlanner.GroupBy.PEDON, "p");
        IndexSets rows = tasks.get(0).phases().get(0).rows();

        Set<String> trainPedons = Arrays.stream(rows.train()).mapToObj(i -> data.pedons()[i]).collect(Collectors.toSet());
        Set<String> valPedons = Arrays.stream(rows.validation()).mapToObj(i -> data.pedons()[i])
                .collect(Collectors.toSet());
        assertThat(trainPedons).doesNotContainAnyElementsOf(valPedons);
        assertThat(valPedons).isNotEmpty();
    }

    @Test
    void experimentOneIsEveryRegionTimesFourSeedsTimesThreeArchitectures() {
        SweepPlanner planner = planner();
        List<RunTask> tasks = planner.leaveOneGroupOut(EXP_SEEDS, PAPER, planner.heldOutGroups(List.of()));

        assertThat(tasks).hasSize(204);
        assertThat(tasks.stream().map(t -> t.phases().get(0).key().group()).distinct())
                .containsExactlyElementsOf(RegionWorld.RACA_REGIONS);
        for (RunTask t : tasks) {
            RunSpec spec = t.phases().get(0);
            Set<Integer> heldOut = labelledRows(spec.key().group());
            assertThat(set(spec.rows().validation())).isEqualTo(heldOut);
            assertThat(set(spec.rows().train())).doesNotContainAnyElementsOf(heldOut);
            assertThat(Arrays.stream(spec.rows().train()).allMatch(i -> data.labelled()[i])).isTrue();
            assertThat(spec.rows().train().length + heldOut.size())
                    .isEqualTo((int) IntStream.range(0, data.rows()).filter(i -> data.labelled()[i]).count());
            assertThat(spec.rows().unlabelled()).isEmpty();
            assertThat(spec.key().phase()).isEqualTo(Phase.TRAIN);
        }
    }

    @Test
    void experimentThreeDrawsKPedonsPerTrainingRegionAndFineTunesOnJOfTheHeldOutRegion() {
        SweepPlanner planner = planner();
        List<RunTask> tasks = planner.finetune(EXP_SEEDS, PAPER, planner.heldOutGroups(List.of()), 10, 5, 25, "p");

        assertThat(tasks).hasSize(204);
        for (RunTask t : tasks) {
            assertThat(t.phases()).hasSize(2);
            RunSpec pre = t.phases().get(0);
            RunSpec fine = t.phases().get(1);
            String heldOut = pre.key().group();
            assertThat(pre.key().phase()).isEqualTo(Phase.PRETRAIN);
            assertThat(fine.key().phase()).isEqualTo(Phase.FINETUNE);
            assertThat(fine.epochs()).hasValue(25);
            assertThat(pre.epochs()).isEmpty();
            assertThat(pre.saveModelTo()).isNotNull();
            assertThat(fine.initialiseFrom()).isEqualTo(pre.saveModelTo());

            // Pre-training: exactly 10 labelled pedons per training region, every other spectrum unlabelled.
            var pedonsByRegion = Arrays.stream(pre.rows().train()).boxed().collect(Collectors.groupingBy(
                    i -> data.groups()[i], Collectors.mapping(i -> data.pedons()[i], Collectors.toSet())));
            assertThat(pedonsByRegion).doesNotContainKey(heldOut).hasSize(16);
            pedonsByRegion.values().forEach(p -> assertThat(p).hasSize(10));
            var union = new HashSet<>(set(pre.rows().train()));
            union.addAll(set(pre.rows().unlabelled()));
            assertThat(union).hasSize(pre.rows().train().length + pre.rows().unlabelled().length);
            assertThat(union).isEqualTo(IntStream.range(0, data.rows()).filter(i -> !data.groups()[i].equals(heldOut))
                    .boxed().collect(Collectors.toSet()));
            // "Training" metrics of pre-training: the labelled training spectra whose labels were not used.
            assertThat(set(pre.rows().trainingEvaluation())).doesNotContainAnyElementsOf(set(pre.rows().train()))
                    .allMatch(i -> data.labelled()[i]);
            assertThat(set(pre.rows().validation())).isEqualTo(labelledRows(heldOut));

            // Fine-tuning: 5 pedons of the held-out region; the rest of it validates and is unlabelled.
            assertThat(Arrays.stream(fine.rows().train()).mapToObj(i -> data.pedons()[i]).distinct()).hasSize(5);
            assertThat(Arrays.stream(fine.rows().train()).allMatch(i -> data.groups()[i].equals(heldOut))).isTrue();
            var rest = new HashSet<>(labelledRows(heldOut));
            rest.removeAll(set(fine.rows().train()));
            assertThat(set(fine.rows().validation())).isEqualTo(rest);
            assertThat(set(fine.rows().unlabelled())).containsAll(rest).doesNotContainAnyElementsOf(
                    set(fine.rows().train()));
        }
        // The k-pedon draw of a region depends on the seed, not on which region is held out.
        var firstSeed = tasks.stream().filter(t -> t.phases().get(0).key().seed() == 0L).toList();
        Set<String> drawOfRegion1WhenHolding2 = pedonsOf(firstSeed, "2", "1");
        Set<String> drawOfRegion1WhenHolding3 = pedonsOf(firstSeed, "3", "1");
        assertThat(drawOfRegion1WhenHolding2).isEqualTo(drawOfRegion1WhenHolding3);
    }

    private Set<String> pedonsOf(List<RunTask> tasks, String heldOut, String region) {
        RunSpec pre = tasks.stream().map(t -> t.phases().get(0)).filter(s -> s.key().group().equals(heldOut))
                .findFirst().orElseThrow();
        return Arrays.stream(pre.rows().train()).filter(i -> data.groups()[i].equals(region))
                .mapToObj(i -> data.pedons()[i]).collect(Collectors.toSet());
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> planner().leaveOneGroupOut(EXP_SEEDS, PAPER, List.of("17")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("experiment.groups")
                .hasMessageContaining("'17'");
        assertThatThrownBy(() -> planner().finetune(EXP_SEEDS, PAPER, List.of("1"), 3, 5, 25, "p"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("target-pedons");
        var noPedons = new SweepPlanner(new PlanData(data.groups(), null, data.labelled()), new RunStore(dir));
        assertThatThrownBy(() -> noPedons.split(EXP_SEEDS, PAPER, 0.4, SweepPlanner.GroupBy.PEDON,
                "experiment.pedon-column")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("experiment.pedon-column");
        assertThatThrownBy(() -> Architecture.parseAll(List.of("ann", "cnn"), "experiment.architectures"))
                .hasMessageContaining("experiment.architectures").hasMessageContaining("'cnn'");
    }
}
