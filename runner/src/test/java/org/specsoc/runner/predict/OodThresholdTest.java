package org.specsoc.runner.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OodThresholdTest {

    /** Hyndman & Fan type 6 written out: h = p (n + 1), linear between order statistics, clamped to the ends. */
    private static double hf6(double[] values, double p) {
        double[] x = values.clone();
        Arrays.sort(x);
        double h = p * (x.length + 1);
        if (h <= 1) {
            return x[0];
        }
        if (h >= x.length) {
            return x[x.length - 1];
        }
        int lo = (int) Math.floor(h);
        return x[lo - 1] + (h - lo) * (x[lo] - x[lo - 1]);
    }

    @Test
    void thresholdIsTheTypeSixQuantile() {
        double[] oneTo99 = new double[99];
        for (int i = 0; i < 99; i++) {
            oneTo99[i] = 99 - i;
        }
        double[] copy = oneTo99.clone();
        assertThat(OodThreshold.calibrate(oneTo99, 0.99).threshold()).isEqualTo(99.0);
        assertThat(oneTo99).as("the caller's scores are left alone").containsExactly(copy);
        assertThat(OodThreshold.calibrate(oneTo99, 0.5).threshold()).isEqualTo(50.0);
        double[] ten = {3, 1, 4, 1.5, 9, 2.6, 5, 3.5, 8, 9.7};
        assertThat(OodThreshold.calibrate(ten, 0.5).threshold()).isCloseTo(hf6(ten, 0.5), within(1e-12));
        assertThat(OodThreshold.calibrate(ten, 0.99).threshold()).isEqualTo(9.7);   // fewer than 99 scores: the max
        var rnd = new SplittableRandom(7);
        double[] many = rnd.doubles(1234).map(u -> 0.01 + 0.05 * u * u).toArray();
        for (double p : new double[] {0.9, 0.95, 0.99, 0.999}) {
            OodThreshold t = OodThreshold.calibrate(many, p);
            assertThat(t.threshold()).as("p = %s", p).isCloseTo(hf6(many, p), within(1e-15));
            assertThat(t.quantile()).isEqualTo(p);
            assertThat(t.calibrationSize()).isEqualTo(1234);
            assertThat(t.method()).contains("type 6");
        }
    }

    @Test
    void aboutOnePercentOfNewInDistributionSpectraExceedTheNinetyNinthPercentile() {
        var rnd = new SplittableRandom(99);
        long exceed = 0;
        long total = 0;
        for (int d = 0; d < 300; d++) {
            double[] cal = rnd.doubles(500).map(u -> -Math.log(1 - u)).toArray();   // skewed, like MRMSE
            OodThreshold t = OodThreshold.calibrate(cal, 0.99);
            for (int i = 0; i < 1000; i++) {
                if (t.flags(-Math.log(1 - rnd.nextDouble()))) {
                    exceed++;
                }
                total++;
            }
        }
        assertThat((double) exceed / total).isBetween(0.0085, 0.0115);
    }

    @Test
    void flagIsStrictlyAboveAndBadInputIsNamed() {
        var t = new OodThreshold(0.99, 0.04, 100, OodThreshold.METHOD);
        assertThat(t.flags(0.04)).isFalse();
        assertThat(t.flags(0.0400001)).isTrue();
        assertThatThrownBy(() -> OodThreshold.calibrate(new double[] {0.1, Double.NaN}, 0.99))
                .hasMessageContaining("contain NaN");
        assertThatThrownBy(() -> OodThreshold.calibrate(new double[0], 0.99))
                .hasMessageContaining("no held-out spectra");
        assertThatThrownBy(() -> OodThreshold.calibrate(new double[] {1}, 99))
                .hasMessageContaining("OOD quantile must lie strictly between 0 and 1, got 99");
    }
}
