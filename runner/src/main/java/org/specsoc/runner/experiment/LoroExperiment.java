package org.specsoc.runner.experiment;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigType;
import org.specsoc.api.config.PluginConfig;

/**
 * {@code experiment.type=loro}, the paper's Experiments 1 and 2 (Table 2, Figure 3): every region held out in
 * turn, for every seed and architecture; Table 2's all / problematic / generalising blocks, the Welch tests of
 * validation MRMSE, and the learned f_SOC and (rho*r)_SOC.
 */
public final class LoroExperiment extends SweepExperiment {
    /** The four seeds of Experiment 1 that ran (reference spec, section 4). */
    static final String PAPER_SEEDS = "0, 329823, 23, 983219";

    @Inject
    public LoroExperiment(RunFunctionFactory functions, GroundTruthLookup truths) {
        super(functions, truths);
    }

    @Override
    public String name() {
        return "loro";
    }

    @Override
    public String description() {
        return "Experiments 1-2 / Table 2: leave one region out, every region x seed x architecture";
    }

    @Override
    public ConfigSpec configSpec() {
        return commonKeys(PAPER_SEEDS)
                .list("groups", ConfigType.STRING_LIST, "", "regions to hold out; empty = every region")
                .list("problematic-groups", ConfigType.STRING_LIST, "",
                        "Table 2's problematic regions; empty = those with validation R² < 0 in every run"
                                + " (the authors' table used 1, 2, 3, 5, 6, 8, 16, 18)")
                .build();
    }

    @Override
    List<String> problematicGroups(PluginConfig config) {
        return config.getStringList("problematic-groups");
    }

    @Override
    List<RunTask> plan(PluginConfig config, SweepPlanner planner, List<Architecture> architectures, RunStore store,
                       Path output) {
        return planner.leaveOneGroupOut(config.getLongList("seeds"), architectures,
                planner.heldOutGroups(config.getStringList("groups")));
    }
}
