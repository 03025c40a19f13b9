package org.specsoc.runner.experiment;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.PluginConfig;

/**
 * {@code experiment.type=train}: one model of {@code experiment.architecture} on one stratified split,
 * saved as an archive ({@code experiment.archive}, relative to {@code output.dir}) for {@code specsoc predict}.
 */
public final class TrainExperiment extends SweepExperiment {

    @Inject
    public TrainExperiment(RunFunctionFactory functions, GroundTruthLookup truths) {
        super(functions, truths);
    }

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String description() {
        return "one model on one stratified split, saved as an archive for prediction";
    }

    @Override
    public ConfigSpec configSpec() {
        return SplitExperiment.splitKeys(ConfigSpec.builder()
                .longValue("seed", 0, "random seed")
                .choice("architecture", "linear-mixing", List.of("none", "ann", "linear-mixing", "plsr"),
                        "the model (sets decoder.type, and encoder.type for plsr)")
                .integer("parallelism", 1, 1, 1, "one run")
                .string("group-column", "region", "data set column of the regions (strata)")
                .string("pedon-column", "pedon", "data set column of the pedons")
                .string("archive", "model.specsoc", "model archive file, relative to output.dir"))
                .build();
    }

    @Override
    String architecturesKey() {
        return "architecture";
    }

    @Override
    List<Architecture> architectures(PluginConfig config) {
        return List.of(Architecture.parse(config.getString("architecture"), config.fullKey("architecture")));
    }

    @Override
    List<RunTask> plan(PluginConfig config, SweepPlanner planner, List<Architecture> architectures, RunStore store,
                       Path output) {
        return List.of(planner.train(config.getLong("seed"), architectures.get(0),
                config.getDouble("validation-fraction"), SplitExperiment.groupBy(config),
                config.fullKey("pedon-column"), output.resolve(config.getString("archive"))));
    }
}
