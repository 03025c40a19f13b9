package org.specsoc.runner.training.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.runner.training.checkpoint.CheckpointExtension;
import org.specsoc.runner.training.checkpoint.CheckpointSettings;
import org.specsoc.runner.testing.FakeWorld;
import org.specsoc.runner.wiring.InstalledPlugins;
import org.specsoc.runner.wiring.RunnerExtension;

class TrainingListenersTest {
    @TempDir
    Path dir;

    @Test
    void standardBundleWritesTheDivergingEpochBeforeTheGuardStopsTheRun() throws IOException {
        var settings = new ListenerSettings(ProgressMode.OFF, 5, 1, new GuardSettings(true, "loss", 10, 2));
        var events = new ArrayList<String>();
        CompositeListener bundle = TrainingListeners.standard(settings, dir,
                List.of(new CompositeListenerTest.Recorder("extra", events, -1)));
        assertThat(bundle.listeners()).extracting(l -> l.getClass().getSimpleName())
                .containsExactly("MetricsLogListener", "Recorder", "DivergenceGuard");

        bundle.onTrainingBegin("r", 10);
        double[] losses = {1.0, 0.5, 0.25, Double.NaN, 0.1};
        Throwable stopped = null;
        for (int epoch = 1; epoch <= losses.length && stopped == null; epoch++) {
            try {
                bundle.onEpochEnd("r", epoch, 10, Map.of("loss", losses[epoch - 1]));
            } catch (TrainingDivergedException e) {
                stopped = e;
                bundle.onTrainingFailed("r", e);
            }
        }
        assertThat(stopped).isInstanceOf(TrainingDivergedException.class);
        assertThat(Files.readString(dir.resolve(MetricsLogListener.FILE_NAME)))
                .isEqualTo("epoch,loss\n1,1.0\n2,0.5\n3,0.25\n4,NaN\n");
        assertThat(events).contains("extra epoch 4 [loss]").last().asString().startsWith("extra failed: run r:");
    }

    @Test
    void progressListenerJoinsUnlessOff() {
        var settings = new ListenerSettings(ProgressMode.LOG, 5, 1, GuardSettings.DEFAULT);
        assertThat(TrainingListeners.standard(settings, dir, List.of()).listeners())
                .extracting(l -> l.getClass().getSimpleName())
                .containsExactly("MetricsLogListener", "ProgressListener", "DivergenceGuard");
    }

    @Test
    void settingsComeFromTheTrainKeysWithDefaults() {
        ConfigSpec spec = ListenerSettings.SPEC.plus(CheckpointSettings.SPEC);
        PluginConfig defaults = spec.bind("train.", Map.of());
        assertThat(ListenerSettings.from(defaults)).isEqualTo(ListenerSettings.DEFAULT);
        assertThat(CheckpointSettings.from(defaults)).isEqualTo(CheckpointSettings.DEFAULT);

        PluginConfig given = spec.bind("train.", Map.of("progress", "log", "guard.factor", "3",
                "guard.patience", "2", "guard.metric", "val.loss", "checkpoint.every", "0", "checkpoint.keep", "4"));
        assertThat(ListenerSettings.from(given)).isEqualTo(new ListenerSettings(ProgressMode.LOG, 5, 10,
                new GuardSettings(true, "val.loss", 3.0, 2)));
        assertThat(CheckpointSettings.from(given).enabled()).isFalse();
        assertThat(CheckpointSettings.from(given).keep()).isEqualTo(4);

        assertThatThrownBy(() -> spec.bind("train.", Map.of("progress", "fancy", "guard.factor", "1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("key 'train.progress': 'fancy' is not one of auto, bar, log, off")
                .hasMessageContaining("key 'train.guard.factor': 1 is out of range");
    }

    @Test
    void sectionsJoinTheTrainersUnderTrainAndAreFoundOnTheClassPath() {
        InstalledPlugins installed = new FakeWorld().with(new TrainingListenersExtension())
                .with(new CheckpointExtension()).injector().getInstance(InstalledPlugins.class);
        assertThat(installed.sections().get("train.").names()).contains("epochs", "progress", "guard.factor",
                "checkpoint.every", "checkpoint.keep");

        var found = new ArrayList<Class<?>>();
        java.util.ServiceLoader.load(RunnerExtension.class).forEach(e -> found.add(e.getClass()));
        assertThat(found).contains(TrainingListenersExtension.class, CheckpointExtension.class);
    }
}
