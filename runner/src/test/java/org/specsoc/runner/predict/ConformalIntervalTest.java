package org.specsoc.runner.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConformalIntervalTest {

    @Test
    void halfWidthIsTheCeilOfNPlusOneTimesLevelSmallestResidual() {
        assertThat(ConformalInterval.rank(99, 0.9)).isEqualTo(90);   // (99+1)*0.9 = 90.00000000000001 in doubles
        assertThat(ConformalInterval.rank(100, 0.9)).isEqualTo(91);  // 90.9 -> 91
        assertThat(ConformalInterval.rank(9, 0.9)).isEqualTo(9);
        double[] predicted = new double[99];
        double[] observed = new double[99];
        for (int i = 0; i < 99; i++) {
            predicted[i] = 0.5;
            observed[i] = 0.5 + (i % 2 == 0 ? 1 : -1) * (99 - i) * 1e-3;   // |residual| = 0.001 .. 0.099, unsorted
        }
        double[] sorted = ConformalInterval.absoluteResiduals(predicted, observed);
        assertThat(sorted[0]).isCloseTo(0.001, within(1e-12));
        assertThat(sorted[98]).isCloseTo(0.099, within(1e-12));
        ConformalInterval ci = ConformalInterval.fromSortedResiduals(sorted, 0.9);
        assertThat(ci.halfWidth()).isCloseTo(0.090, within(1e-12));
        assertThat(ci.calibrationSize()).isEqualTo(99);
        assertThat(ci.level()).isEqualTo(0.9);
        assertThat(ci.method()).isEqualTo(ConformalInterval.METHOD);
    }

    @Test
    void tooFewCalibrationSpectraForTheLevelAreAnErrorSayingHowManyAreNeeded() {
        assertThat(ConformalInterval.minimumCalibrationSize(0.9)).isEqualTo(9);
        assertThat(ConformalInterval.minimumCalibrationSize(0.95)).isEqualTo(19);
        assertThatThrownBy(() -> ConformalInterval.fromSortedResiduals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, 0.9))
                .hasMessage("a split-conformal interval at level 0.9 needs at least 9 labelled calibration spectra; "
                        + "there are 5");
        assertThatThrownBy(() -> ConformalInterval.fromSortedResiduals(new double[] {0.1}, 1.0))
                .hasMessageContaining("interval level must lie strictly between 0 and 1");
        assertThatThrownBy(() -> ConformalInterval.absoluteResiduals(new double[] {0.1, Double.NaN},
                new double[] {0.2, 0.3})).hasMessageContaining("calibration pair 1 has no value");
    }

    @Test
    void boundsAreClippedToTheRangeOfAMassFraction() {
        var ci = new ConformalInterval(0.9, 0.02, 50, ConformalInterval.METHOD);
        assertThat(ci.lower(0.005)).isEqualTo(0.0);
        assertThat(ci.upper(0.005)).isCloseTo(0.025, within(1e-15));
        assertThat(ci.lower(0.5)).isCloseTo(0.48, within(1e-15));
        assertThat(ci.upper(0.995)).isEqualTo(1.0);
    }

    /**
     * Exchangeable data (heteroscedastic, skewed truth near zero like SOC, a biased model): averaged over many
     * calibration/test splits, coverage is at least the level and below level + 1/(n+1).
     */
    @Test
    void coverageOnExchangeableDataIsCloseToNominal() {
        var rnd = new SplittableRandom(20240101);
        int draws = 1000;
        int nCal = 200;
        int nTest = 200;
        for (double level : new double[] {0.8, 0.9}) {
            long covered = 0;
            for (int d = 0; d < draws; d++) {
                double[] predCal = new double[nCal];
                double[] obsCal = new double[nCal];
                for (int i = 0; i < nCal; i++) {
                    double[] pair = draw(rnd);
                    predCal[i] = pair[0];
                    obsCal[i] = pair[1];
                }
                ConformalInterval ci = ConformalInterval.fromSortedResiduals(
                        ConformalInterval.absoluteResiduals(predCal, obsCal), level);
                for (int i = 0; i < nTest; i++) {
                    double[] pair = draw(rnd);
                    if (pair[1] >= ci.lower(pair[0]) && pair[1] <= ci.upper(pair[0])) {
                        covered++;
                    }
                }
            }
            double coverage = (double) covered / (draws * nTest);
            // expected: ceil(201 level)/201 = 0.8010 and 0.9005; 3 standard errors of the mean over draws ~ 0.002
            assertThat(coverage).as("level %s", level).isBetween(level - 0.003, level + 1.0 / (nCal + 1) + 0.003);
        }
    }

    /** {prediction, truth}: truth lognormal around 1.5 % SOC, a model that is biased and noisier at high SOC. */
    private static double[] draw(SplittableRandom rnd) {
        double truth = Math.exp(Math.log(0.015) + 0.8 * gaussian(rnd));
        double predicted = 0.002 + 0.9 * truth + 0.3 * truth * gaussian(rnd);
        return new double[] {predicted, truth};
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller: SplittableRandom has no nextGaussian in Java 17
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
