package org.specsoc.runner.training.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.specsoc.api.model.TrainingListener;

class CompositeListenerTest {

    /** Records events as text; throws on the epochs it is told to. */
    static final class Recorder implements TrainingListener {
        final String name;
        final List<String> events;
        final int failAt;

        Recorder(String name, List<String> events, int failAt) {
            this.name = name;
            this.events = events;
            this.failAt = failAt;
        }

        @Override
        public void onTrainingBegin(String runId, int epochs) {
            events.add(name + " begin " + epochs);
        }

        @Override
        public void onEpochEnd(String runId, int epoch, int epochs, Map<String, Double> metrics) {
            events.add(name + " epoch " + epoch + " " + metrics.keySet());
            if (epoch == failAt) {
                throw new IllegalStateException(name + " fails at " + epoch);
            }
        }

        @Override
        public void onTrainingEnd(String runId, Map<String, Double> finalMetrics) {
            events.add(name + " end");
        }

        @Override
        public void onTrainingFailed(String runId, Throwable cause) {
            events.add(name + " failed: " + cause.getMessage());
        }
    }

    @Test
    void everyListenerGetsEveryEventInOrderWithTheMetricsInTheTrainersOrder() {
        var events = new ArrayList<String>();
        var composite = CompositeListener.of(new Recorder("a", events, -1), new Recorder("b", events, -1));
        var metrics = new LinkedHashMap<String, Double>();
        metrics.put("loss", 1.0);
        metrics.put("val.rmse", 2.0);
        metrics.put("train.rmse", 3.0);
        composite.onTrainingBegin("r", 2);
        composite.onEpochEnd("r", 1, 2, metrics);
        composite.onTrainingEnd("r", Map.of());
        assertThat(events).containsExactly("a begin 2", "b begin 2", "a epoch 1 [loss, val.rmse, train.rmse]",
                "b epoch 1 [loss, val.rmse, train.rmse]", "a end", "b end");
    }

    @Test
    void aThrowingListenerDoesNotHideTheEventFromTheOthers() {
        var events = new ArrayList<String>();
        var composite = CompositeListener.of(new Recorder("a", events, 3), new Recorder("b", events, 3),
                new Recorder("c", events, -1));
        composite.onTrainingBegin("r", 5);
        composite.onEpochEnd("r", 1, 5, Map.of("loss", 1.0));
        assertThatThrownBy(() -> composite.onEpochEnd("r", 3, 5, Map.of("loss", 1.0)))
                .hasMessage("a fails at 3")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("b fails at 3"));
        assertThat(events).contains("c epoch 3 [loss]");
        composite.onTrainingFailed("r", new IllegalStateException("a fails at 3"));
        assertThat(events).endsWith("a failed: a fails at 3", "b failed: a fails at 3", "c failed: a fails at 3");
    }
}
