package org.specsoc.runner.training.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DivergenceGuardTest {

    private static void feed(DivergenceGuard guard, double... losses) {
        guard.onTrainingBegin("r1", 100);
        for (int i = 0; i < losses.length; i++) {
            guard.onEpochEnd("r1", i + 1, 100, Map.of("loss", losses[i], "train.rmse", 1.0));
        }
    }

    @Test
    void nanLossStopsAtOnceWithAHint() {
        var guard = new DivergenceGuard(GuardSettings.DEFAULT);
        assertThatThrownBy(() -> feed(guard, 1.0, 0.5, 0.25, Double.NaN))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("run r1: training diverged at epoch 4: loss is NaN (best 0.250000 at epoch 3)."
                        + " Lower the learning rate (train.learning-rate)")
                .satisfies(e -> {
                    var d = (TrainingDivergedException) e;
                    assertThat(d.metric()).isEqualTo("loss");
                    assertThat(d.epoch()).isEqualTo(4);
                    assertThat(d.value()).isNaN();
                });
    }

    @Test
    void infiniteLossInTheFirstEpochStops() {
        var guard = new DivergenceGuard(GuardSettings.DEFAULT);
        assertThatThrownBy(() -> feed(guard, Double.POSITIVE_INFINITY))
                .hasMessageStartingWith("run r1: training diverged at epoch 1: loss is Infinity. Lower");
    }

    @Test
    void lossStayingFarAboveItsBestForPatienceEpochsStops() {
        var guard = new DivergenceGuard(new GuardSettings(true, "loss", 10, 3));
        assertThatThrownBy(() -> feed(guard, 1.0, 0.1, 0.2, 1.5, 2.0, 3.0, 0.05))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessage("run r1: training diverged at epoch 6: loss = 3.00000 has stayed above 10.0000 times its"
                        + " best (0.100000 at epoch 2) for 3 epochs. Lower the learning rate (train.learning-rate),"
                        + " or relax train.guard.factor / train.guard.patience if this is expected.");
    }

    @Test
    void aSpikeShorterThanThePatienceIsTolerated() {
        var guard = new DivergenceGuard(new GuardSettings(true, "loss", 10, 3));
        assertThatCode(() -> feed(guard, 1.0, 0.1, 1.5, 2.0, 0.5, 1.5, 2.0, 0.09, 0.9))
                .doesNotThrowAnyException();
    }

    @Test
    void aNoisyFallingLossNeverTriggers() {
        var guard = new DivergenceGuard(GuardSettings.DEFAULT);
        double[] losses = new double[1000];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = 5.0 / (1 + i) * (1 + 0.5 * Math.sin(i * 1.7));
        }
        assertThatCode(() -> feed(guard, losses)).doesNotThrowAnyException();
    }

    @Test
    void watchesTheConfiguredMetricAndCanBeSwitchedOff() {
        var valGuard = new DivergenceGuard(new GuardSettings(true, "val.loss", 10, 1));
        assertThatCode(() -> feed(valGuard, Double.NaN)).doesNotThrowAnyException();
        valGuard.onTrainingBegin("r2", 10);
        assertThatThrownBy(() -> valGuard.onEpochEnd("r2", 1, 10, Map.of("val.loss", Double.NaN)))
                .hasMessageContaining("val.loss is NaN");

        var off = new DivergenceGuard(new GuardSettings(false, "loss", 10, 1));
        assertThatCode(() -> feed(off, 1.0, Double.NaN, 100.0)).doesNotThrowAnyException();
    }

    @Test
    void aNewRunForgetsTheBestOfThePreviousOne() {
        var guard = new DivergenceGuard(new GuardSettings(true, "loss", 10, 1));
        feed(guard, 0.001);
        assertThatCode(() -> feed(guard, 1.0, 0.9)).doesNotThrowAnyException();
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new GuardSettings(true, "loss", 1.0, 3)).hasMessageContaining("factor 1.0");
        assertThatThrownBy(() -> new GuardSettings(true, " ", 2.0, 3)).hasMessageContaining("metric name");
    }
}
