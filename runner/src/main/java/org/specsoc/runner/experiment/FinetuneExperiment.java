package org.specsoc.runner.experiment;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigType;
import org.specsoc.api.config.PluginConfig;

/**
 * {@code experiment.type=finetune}, the paper's Experiment 3 (Table 3): pre-training ({@code train.epochs})
 * with the labels of k pedons per training region and every other training spectrum unlabelled, then
 * fine-tuning ({@code experiment.finetune.epochs}) on the held-out region with j labelled pedons and all its
 * spectra unlabelled; metrics after both phases.
 */
public final class FinetuneExperiment extends SweepExperiment {

    @Inject
    public FinetuneExperiment(RunFunctionFactory functions, GroundTruthLookup truths) {
        super(functions, truths);
    }

    @Override
    public String name() {
        return "finetune";
    }

    @Override
    public String description() {
        return "Experiment 3 / Table 3: few-label pre-training, fine-tuning on the held-out region";
    }

    @Override
    public ConfigSpec configSpec() {
        return commonKeys(LoroExperiment.PAPER_SEEDS)
                .list("groups", ConfigType.STRING_LIST, "", "regions to hold out; empty = every region")
                .integer("finetune.labelled-pedons", 10, 1, 100_000,
                        "k: labelled pedons drawn per training region (the paper says 10; the code used ~20)")
                .integer("finetune.target-pedons", 5, 1, 100_000,
                        "j: labelled pedons of the held-out region for fine-tuning (the first j of its draw)")
                .integer("finetune.epochs", 25, 1, 1_000_000, "fine-tuning epochs (pre-training uses train.epochs)")
                .build();
    }

    @Override
    List<RunTask> plan(PluginConfig config, SweepPlanner planner, List<Architecture> architectures, RunStore store,
                       Path output) {
        return planner.finetune(config.getLongList("seeds"), architectures,
                planner.heldOutGroups(config.getStringList("groups")), config.getInt("finetune.labelled-pedons"),
                config.getInt("finetune.target-pedons"), config.getInt("finetune.epochs"),
                config.fullKey("pedon-column"));
    }
}
