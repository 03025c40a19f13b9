package org.specsoc.runner.wiring;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.plugin.PluginFactory;

/**
 * What {@code specsoc run} does with a configuration, selected by {@code experiment.type} (a random split,
 * leave one region out, a sweep, ...). Contributed from a Guice module through
 * {@code MapBinder<String, ExperimentType>} keyed by {@link #name()}:
 * <pre>{@code
 * MapBinder.newMapBinder(binder(), String.class, ExperimentType.class).addBinding("split").to(SplitExperiment.class);
 * }</pre>
 */
public interface ExperimentType extends PluginFactory {

    /** The value of {@code experiment.type}. */
    @Override
    String name();

    /** One line for {@code specsoc plugins}. */
    @Override
    String description();

    /** The experiment's own keys, relative to {@code experiment.}. */
    @Override
    ConfigSpec configSpec();

    /**
     * The plugins a configuration must select for this experiment ({@code encoder.type} and so on); a missing
     * selector is reported with the other configuration problems, before anything runs. Only
     * {@link PluginKind#ENCODER}, {@link PluginKind#DECODER} and {@link PluginKind#DATASET} can be missing:
     * the preprocessing chain may be empty and {@code compute.backend} defaults to {@code auto}.
     */
    default Set<PluginKind> requiredPlugins() {
        return EnumSet.of(PluginKind.ENCODER, PluginKind.DECODER, PluginKind.DATASET);
    }

    /**
     * Encoders and decoders that this experiment selects per run, besides {@code encoder.type} and
     * {@code decoder.type} (a sweep's {@code experiment.architectures} picks the decoder of each run). Their keys
     * are checked and bound as if they were selected, so that each architecture's own settings can be given in
     * one file.
     *
     * @param values the configuration's keys, full names, as given (defaults not applied)
     * @throws org.specsoc.api.config.ConfigurationException when the keys that name them are wrong
     */
    default Map<PluginKind, Set<String>> perRunPlugins(Map<String, String> values) {
        return Map.of();
    }

    /** Runs the experiment; results go under {@link RunEnvironment#outputDirectory()}. */
    void run(RunEnvironment environment) throws Exception;
}
