package org.specsoc.runner.experiment;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.PluginConfig;

/**
 * {@code experiment.type=split}, the paper's Table 1: a random split stratified by region (60:40 per spectrum
 * as the authors did, or whole pedons with {@code experiment.split.group-by=pedon}), for every seed and
 * architecture.
 */
public final class SplitExperiment extends SweepExperiment {
    /** Table 1's ten seeds (reference spec, section 4). */
    static final String PAPER_SEEDS = "0, 100390439, 23039, 4054950, 534, 438923819, 31929, 884932, 20091, 483999992";

    @Inject
    public SplitExperiment(RunFunctionFactory functions, GroundTruthLookup truths) {
        super(functions, truths);
    }

    static ConfigSpec.Builder splitKeys(ConfigSpec.Builder builder) {
        return builder
                .number("validation-fraction", 0.4, 0.0, 1.0,
                        "share of each region's labelled spectra (or pedons) that validates; 0.4 = the paper's 60:40")
                .choice("split.group-by", "spectrum", List.of("spectrum", "pedon"),
                        "spectrum: per spectrum as the authors (pedons on both sides); pedon: whole pedons");
    }

    @Override
    public String name() {
        return "split";
    }

    @Override
    public String description() {
        return "Table 1: random split stratified by region, every seed x architecture";
    }

    @Override
    public ConfigSpec configSpec() {
        return splitKeys(commonKeys(PAPER_SEEDS)).build();
    }

    @Override
    List<RunTask> plan(PluginConfig config, SweepPlanner planner, List<Architecture> architectures, RunStore store,
                       Path output) {
        return planner.split(config.getLongList("seeds"), architectures, config.getDouble("validation-fraction"),
                groupBy(config), config.fullKey("pedon-column"));
    }

    static SweepPlanner.GroupBy groupBy(PluginConfig config) {
        return "pedon".equals(config.getString("split.group-by")) ? SweepPlanner.GroupBy.PEDON
                : SweepPlanner.GroupBy.SPECTRUM;
    }
}
