package org.specsoc.runner.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.encoders.plsr.PlsrEncoderFactory;
import org.specsoc.runner.config.ConfigSection;
import org.specsoc.runner.config.LoadedConfiguration;
import org.specsoc.runner.testing.FakeExperimentType;
import org.specsoc.runner.testing.FakeWorld;

class ConfigurationResolverTest {
    private final FakeWorld world = new FakeWorld();

    private ResolvedConfiguration resolve(Map<String, String> values) {
        return world.injector().getInstance(ConfigurationResolver.class)
                .resolve(LoadedConfiguration.of(Path.of("test.properties"), values));
    }

    private List<String> problems(Map<String, String> values) {
        return catchThrowableOfType(ConfigurationException.class, () -> resolve(values)).problems();
    }

    private static Map<String, String> split(String... more) {
        var values = new HashMap<String, String>();
        values.put("experiment.type", "split");
        values.put("encoder.type", "mlp");
        values.put("decoder.type", "linear-mixing");
        values.put("dataset.type", "synthetic");
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return values;
    }

    @Test
    void selectsThePluginsAndGivesEachOnlyItsOwnKeysWithDefaults() {
        ResolvedConfiguration resolved = resolve(split("encoder.hidden", "64", "decoder.rho-r.enabled", "false",
                "train.epochs", "5", "experiment.test-fraction", "0.25", "dataset.samples", "10"));

        assertThat(resolved.experiment().name()).isEqualTo("split");
        assertThat(resolved.experiment().config().getDouble("test-fraction")).isEqualTo(0.25);
        PluginConfig encoder = resolved.encoder().orElseThrow().config();
        assertThat(resolved.encoder().orElseThrow().name()).isEqualTo("mlp");
        assertThat(encoder.prefix()).isEqualTo("encoder.");
        assertThat(encoder.values()).containsExactly(Map.entry("hidden", 64), Map.entry("activation", "relu"),
                Map.entry("dropout", List.of(0.1, 0.2)));
        assertThat(resolved.decoder().orElseThrow().config().values()).containsExactly(
                Map.entry("endmembers", "dataset"), Map.entry("rho-r.enabled", false));
        assertThat(resolved.dataset().orElseThrow().config().getInt("samples")).isEqualTo(10);
        assertThat(resolved.section("train.").values()).containsExactly(Map.entry("epochs", 5),
                Map.entry("learning-rate", 1e-3), Map.entry("seed", 42L));
        assertThat(resolved.section("output.").getPath("dir")).isEmpty();
        assertThat(resolved.preprocessors()).isEmpty();
        assertThat(resolved.computeRequest()).isEqualTo("auto");
        assertThat(resolved.computeCandidates().keySet()).containsExactly("java", "opencl");
    }

    @Test
    void unknownDecoderNameListsTheKnownNamesAndTheNearestOne() {
        assertThat(problems(split("decoder.type", "linear-mixng"))).containsExactly(
                "decoder.type: unknown decoder 'linear-mixng'; known: ann, linear-mixing, none"
                        + " (did you mean 'linear-mixing'?). Is the plugin's jar on the classpath?");
    }

    @Test
    void unknownNamesOfEveryKindAreReported() {
        assertThat(problems(split("experiment.type", "splt", "encoder.type", "mlpp", "dataset.type", "xyz",
                "compute.backend", "opencll", "preprocess.steps", "snv,savgl")))
                .containsExactly(
                        "experiment.type: unknown experiment type 'splt'; known: split, sweep (did you mean 'split'?)",
                        "encoder.type: unknown encoder 'mlpp'; known: cnn, mlp (did you mean 'mlp'?)."
                                + " Is the plugin's jar on the classpath?",
                        "dataset.type: unknown dataset 'xyz'; known: csv, synthetic. Is the plugin's jar on the"
                                + " classpath?",
                        "preprocess.steps: unknown preprocessor 'savgl'; known: savgol, snv (did you mean"
                                + " 'savgol'?). Is the plugin's jar on the classpath?",
                        "compute.backend: unknown compute backend 'opencll'; known: auto, java, opencl (did you"
                                + " mean 'opencl'?). Is the plugin's jar on the classpath?");
    }

    @Test
    void misspelledPluginKeySuggestsTheDeclaredKey() {
        assertThat(problems(split("encoder.hiden", "64")))
                .containsExactly("unknown key 'encoder.hiden' (did you mean 'encoder.hidden'?)");
    }

    @Test
    void misspelledKeysAreMatchedAgainstEverythingDeclaredSectionsAndSelectorsIncluded() {
        assertThat(problems(split("train.epoch", "5", "output.dri", "x", "experiment.test-fracton", "0.1",
                "decoder.typ", "ann", "compute.thread", "2")))
                .containsExactly(
                        "unknown key 'compute.thread' (did you mean 'compute.threads'?)",
                        "unknown key 'decoder.typ' (did you mean 'decoder.type'?)",
                        "unknown key 'experiment.test-fracton' (did you mean 'experiment.test-fraction'?)",
                        "unknown key 'output.dri' (did you mean 'output.dir'?)",
                        "unknown key 'train.epoch' (did you mean 'train.epochs'?)");
    }

    @Test
    void aKeyOfAPluginThatIsNotSelectedSaysWhichPluginItBelongsTo() {
        assertThat(problems(split("encoder.kernel-size", "3", "decoder.hidden", "8")))
                .containsExactly(
                        "key 'decoder.hidden' belongs to decoder 'ann', which is not selected"
                                + " (decoder.type is 'linear-mixing')",
                        "key 'encoder.kernel-size' belongs to encoder 'cnn', which is not selected"
                                + " (encoder.type is 'mlp')");
    }

    @Test
    void aKeyNothingIsCloseToIsStillReported() {
        assertThat(problems(split("completely.unrelated", "1"))).containsExactly(
                "unknown key 'completely.unrelated'; no installed plugin or section declares it"
                        + " (see 'specsoc plugins')");
    }

    @Test
    void keysUnderAnUnknownPluginAreNotReportedTwice() {
        assertThat(problems(split("decoder.type", "linear-mixng", "decoder.endmembers", "usgs")))
                .singleElement().asString().startsWith("decoder.type: unknown decoder 'linear-mixng'");
    }

    @Test
    void badValuesNameTheFullKeyAndTheAllowedRange() {
        assertThat(problems(split("encoder.hidden", "0", "train.learning-rate", "fast", "encoder.activation", "relu6",
                "encoder.dropout", "0.1,x")))
                .containsExactlyInAnyOrder(
                        "key 'train.learning-rate': 'fast' is not a number",
                        "key 'encoder.hidden': 0 is out of range; allowed [1, 4096]",
                        "key 'encoder.activation': 'relu6' is not one of relu, tanh, gelu (did you mean 'relu'?)",
                        "key 'encoder.dropout': '0.1,x' is not a comma-separated list of numbers");
    }

    @Test
    void missingSelectorsAndRequiredKeysAreReportedTogether() {
        var values = new HashMap<String, String>();
        values.put("experiment.type", "split");
        values.put("dataset.type", "csv");
        values.put("encoder.hiden", "3");

        assertThat(problems(values)).containsExactly(
                "missing required key 'encoder.type': experiment 'split' needs an encoder; known: cnn, mlp",
                "missing required key 'decoder.type': experiment 'split' needs a decoder; known: ann,"
                        + " linear-mixing, none",
                "unknown key 'encoder.hiden' (did you mean 'encoder.hidden', a key of encoder 'mlp'?)",
                "missing required key 'dataset.path' (CSV file)");
    }

    @Test
    void missingExperimentTypeListsTheKnownOnes() {
        assertThat(problems(Map.of())).containsExactly(
                "missing required key 'experiment.type' (what to run); known: split, sweep");
    }

    @Test
    void anExperimentThatNeedsNoPluginsRunsWithoutSelectors() {
        ResolvedConfiguration resolved = resolve(Map.of("experiment.type", "sweep", "experiment.runs", "7"));
        assertThat(resolved.experiment().config().getInt("runs")).isEqualTo(7);
        assertThat(resolved.encoder()).isEmpty();
    }

    @Test
    void preprocessingStepsKeepTheirOrderAndTheirOwnKeys() {
        ResolvedConfiguration resolved = resolve(split("preprocess.steps", "savgol, snv",
                "preprocess.savgol.window", "21"));

        assertThat(resolved.preprocessors()).extracting(SelectedPlugin::name).containsExactly("savgol", "snv");
        PluginConfig savgol = resolved.preprocessors().get(0).config();
        assertThat(savgol.prefix()).isEqualTo("preprocess.savgol.");
        assertThat(savgol.values()).containsExactly(Map.entry("window", 21), Map.entry("order", 2));
    }

    @Test
    void keysOfAPreprocessorNotInTheChainAndRepeatedStepsAreErrors() {
        assertThat(problems(split("preprocess.steps", "snv,snv", "preprocess.savgol.window", "21")))
                .containsExactly(
                        "preprocess.steps: step 'snv' appears twice; each step's keys live under preprocess.snv.",
                        "key 'preprocess.savgol.window' belongs to preprocessor 'savgol', which is not selected"
                                + " (preprocess.steps is 'snv,snv')");
    }

    @Test
    void underAutoTheKeysOfEveryInstalledBackendAreAccepted() {
        ResolvedConfiguration resolved = resolve(split("compute.threads", "2", "compute.device", "1"));
        assertThat(resolved.computeCandidates().get("java").config().values()).containsExactly(Map.entry("threads", 2));
        assertThat(resolved.computeCandidates().get("opencl").config().values())
                .containsExactly(Map.entry("device", 1));
    }

    @Test
    void aNamedBackendOwnsTheComputeKeysAlone() {
        assertThat(problems(split("compute.backend", "java", "compute.device", "1"))).containsExactly(
                "key 'compute.device' belongs to compute backend 'opencl', which is not selected"
                        + " (compute.backend is 'java')");
    }

    @Test
    void effectiveConfigurationHasEveryDefaultOfWhatIsUsed() {
        ResolvedConfiguration resolved = resolve(split("encoder.hidden", " 64 ", "compute.device", "1"));

        assertThat(resolved.effective("java").values()).containsExactly(
                Map.entry("compute.backend", "auto"),
                Map.entry("compute.device", "1"),
                Map.entry("compute.threads", "0"),
                Map.entry("dataset.samples", "100"),
                Map.entry("dataset.type", "synthetic"),
                Map.entry("decoder.endmembers", "dataset"),
                Map.entry("decoder.rho-r.enabled", "true"),
                Map.entry("decoder.type", "linear-mixing"),
                Map.entry("encoder.activation", "relu"),
                Map.entry("encoder.dropout", "0.1,0.2"),
                Map.entry("encoder.hidden", "64"),
                Map.entry("encoder.type", "mlp"),
                Map.entry("experiment.test-fraction", "0.2"),
                Map.entry("experiment.type", "split"),
                Map.entry("preprocess.steps", ""),
                Map.entry("train.epochs", "100"),
                Map.entry("train.learning-rate", "0.001"),
                Map.entry("train.seed", "42"));
    }

    @Test
    void sectionsFromSeveralModulesWithOnePrefixAreMerged() {
        world.with(new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), ConfigSection.class).addBinding().toInstance(new ConfigSection(
                        "output.", ConfigSpec.builder().bool("plots", true, "write plots").build()));
            }
        });
        ResolvedConfiguration resolved = resolve(split("output.plots", "false", "output.dir", "x"));
        assertThat(resolved.section("output.").getBoolean("plots")).isFalse();
        assertThat(resolved.section("output.").getPath("dir")).contains(Path.of("x"));
    }

    @Test
    void anEncoderThatRulesOutTheSelectedDecoderIsAConfigurationError() {
        // The real plsr factory beside the fakes: it predicts SOC only and accepts decoder none alone.
        var plugins = PluginRegistry.of(List.of(world.plugin().encoder(new PlsrEncoderFactory())));
        var types = new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, ExperimentType.class).addBinding("split")
                        .toInstance(new FakeExperimentType("split", ConfigSpec.empty(),
                                EnumSet.of(PluginKind.ENCODER, PluginKind.DECODER, PluginKind.DATASET), env -> { }));
            }
        };
        ConfigurationResolver resolver = SpecsocWiring.create(plugins, List.of(types))
                .getInstance(ConfigurationResolver.class);
        var values = new HashMap<String, String>(Map.of("experiment.type", "split", "encoder.type", "plsr",
                "dataset.type", "synthetic"));

        values.put("decoder.type", "ann");
        var problems = catchThrowableOfType(ConfigurationException.class,
                () -> resolver.resolve(LoadedConfiguration.of(Path.of("test.properties"), values))).problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("encoder.type=plsr needs decoder.type=none, got 'ann'");

        values.put("decoder.type", "none");
        values.put("encoder.plsr.max-components", "12");
        ResolvedConfiguration resolved = resolver.resolve(LoadedConfiguration.of(Path.of("test.properties"), values));
        assertThat(resolved.encoder().orElseThrow().config().getInt("plsr.max-components")).isEqualTo(12);
    }
}
