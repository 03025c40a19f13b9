package org.specsoc.runner.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    private final SplittableRandom rnd = new SplittableRandom(3);

    private double[] uniform(int n, double scale) {
        return rnd.doubles(n).map(u -> u * scale).toArray();
    }

    @Test
    void fittedCalibrationRoundTripsThroughJson() throws IOException {
        double[] observed = uniform(200, 0.05);
        double[] predicted = observed.clone();
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] += (rnd.nextDouble() - 0.5) * 0.01;
        }
        double[] mrmse = uniform(300, 0.02);
        Calibration c = Calibration.fit(predicted, observed, mrmse, 0.9, 0.99);
        assertThat(c.hasOodFlag()).isTrue();
        assertThat(c.interval().calibrationSize()).isEqualTo(200);
        assertThat(c.ood().calibrationSize()).isEqualTo(300);
        assertThat(c.ood().threshold()).isEqualTo(OodThreshold.calibrate(mrmse, 0.99).threshold());
        assertThat(c.interval().halfWidth()).isEqualTo(c.conformalScores()[ConformalInterval.rank(200, 0.9) - 1]);

        var out = new ByteArrayOutputStream();
        c.write(out);
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).contains("\"interval\"", "\"level\" : 0.9", "\"halfWidth\"", "\"ood\"", "\"threshold\"",
                "\"method\"", "\"conformalScores\"", "\"oodScores\"");
        Calibration back = Calibration.read(new ByteArrayInputStream(out.toByteArray()), "calibration.json");
        assertThat(back.interval()).isEqualTo(c.interval());
        assertThat(back.ood()).isEqualTo(c.ood());
        assertThat(back.conformalScores()).containsExactly(c.conformalScores());
        assertThat(back.oodScores()).containsExactly(c.oodScores());

        Calibration fromTree = Calibration.fromJsonTree(c.toJsonTree(), "calibration extra");
        assertThat(fromTree.interval()).isEqualTo(c.interval());
        assertThat(fromTree.ood()).isEqualTo(c.ood());
        assertThatThrownBy(() -> Calibration.fromJsonTree(((com.fasterxml.jackson.databind.node.ObjectNode) c.toJsonTree()).put("interval", 3),
                "model.zip!calibration.json")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("model.zip!calibration.json: ");
    }

    @Test
    void levelAndQuantileCanBeChangedWithoutTheTrainingData() {
        double[] observed = uniform(100, 0.05);
        double[] predicted = uniform(100, 0.05);
        double[] mrmse = uniform(1000, 0.02);
        Calibration c = Calibration.fit(predicted, observed, mrmse, 0.9, 0.99);
        Calibration wider = c.atLevel(0.95);
        assertThat(wider.interval().level()).isEqualTo(0.95);
        assertThat(wider.interval().halfWidth()).isGreaterThan(c.interval().halfWidth())
                .isEqualTo(Calibration.fit(predicted, observed, mrmse, 0.95, 0.99).interval().halfWidth());
        Calibration stricter = c.withOodQuantile(0.9);
        assertThat(stricter.ood().threshold()).isLessThan(c.ood().threshold())
                .isEqualTo(OodThreshold.calibrate(mrmse, 0.9).threshold());
    }

    @Test
    void aModelWithoutDecoderHasNoFlagAndSaysSoInJson() throws IOException {
        Calibration c = Calibration.fit(uniform(50, 0.05), uniform(50, 0.05), null, 0.9, 0.99);
        assertThat(c.hasOodFlag()).isFalse();
        assertThat(c.oodThreshold()).isEmpty();
        var out = new ByteArrayOutputStream();
        c.write(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("ood");
        Calibration back = Calibration.read(new ByteArrayInputStream(out.toByteArray()), "x");
        assertThat(back.hasOodFlag()).isFalse();
        assertThatThrownBy(() -> c.withOodQuantile(0.95)).hasMessageContaining("no reconstruction decoder");
    }

    @Test
    void malformedOrInconsistentJsonIsNamed() {
        byte[] bad = "{\n \"interval\" : {\"level\" : 0.9, \"halfWidth\" : 0.01, \"calibrationSize\" : 3,\n"
                .concat(" \"method\" : \"m\"}, \"conformalScores\" : [0.1, 0.05, 0.2] }").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Calibration.read(new ByteArrayInputStream(bad), "model.zip!calibration.json"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("model.zip!calibration.json (line ")
                .hasMessageContaining("sorted increasing");
        byte[] truncated = "{ \"interval\" : { \"level\" : ".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Calibration.read(new ByteArrayInputStream(truncated), "calibration.json"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("calibration.json (line 1");
    }
}
