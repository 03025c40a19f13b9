package org.specsoc.runner.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OodReportTest {

    @Test
    void countsFlagsAndCoveragePerGroup() {
        String[] region = {"r1", "r1", "r1", "r1", "r7", "r7", "r7", "r2"};
        boolean[] flagged = {false, false, true, false, true, true, false, false};
        double nan = Double.NaN;
        double[] truth = {0.010, 0.020, 0.030, nan, 0.050, 0.060, 0.070, 0.015};
        double[] lower = {0.005, 0.025, 0.020, 0.0, 0.040, 0.000, 0.071, 0.010};
        double[] upper = {0.015, 0.035, 0.040, 0.1, 0.060, 0.010, 0.081, 0.020};
        OodReport r = OodReport.of(OodReport.byMembership(region, Set.of("r7")), flagged, truth, lower, upper);
        assertThat(r.groups()).extracting(OodReport.Group::name)
                .containsExactly(OodReport.IN_DISTRIBUTION, OodReport.OUT_OF_DISTRIBUTION);
        OodReport.Group in = r.groups().get(0);
        assertThat(in.spectra()).isEqualTo(5);
        assertThat(in.flagged()).isEqualTo(1);
        assertThat(in.flaggedRate()).isEqualTo(0.2);
        assertThat(in.labelled()).isEqualTo(4);
        assertThat(in.covered()).isEqualTo(3);   // 0.020 lies below [0.025, 0.035]
        assertThat(in.coverage()).isEqualTo(0.75);
        assertThat(in.meanWidth()).isCloseTo((0.01 + 0.01 + 0.02 + 0.01) / 4, within(1e-12));
        OodReport.Group out = r.groups().get(1);
        assertThat(out.flaggedRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(out.coverage()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(r.all().spectra()).isEqualTo(8);
        assertThat(r.all().flagged()).isEqualTo(3);
        assertThat(r.all().covered()).isEqualTo(4);
        assertThat(r.toTable()).contains("in-distribution", "out-of-distribution", "all", "0.200 (");
    }

    @Test
    void withoutDecoderThereIsNoFlagRate() {
        OodReport r = OodReport.of(new String[] {"a", "a"}, null, new double[] {0.1, 0.2},
                new double[] {0.0, 0.0}, new double[] {0.15, 0.15});
        assertThat(r.all().flaggedRate()).isNaN();
        assertThat(r.all().coverage()).isEqualTo(0.5);
        assertThat(r.toTable()).contains("n/a");
    }

    @Test
    void wilsonIntervalMatchesPublishedValues() {
        double[] zeroOfTen = OodReport.wilson(0, 10);
        assertThat(zeroOfTen[0]).isEqualTo(0.0);
        assertThat(zeroOfTen[1]).isCloseTo(0.2775, within(1e-4));
        double[] ninetyOfHundred = OodReport.wilson(90, 100);
        assertThat(ninetyOfHundred[0]).isCloseTo(0.8256, within(1e-4));
        assertThat(ninetyOfHundred[1]).isCloseTo(0.9448, within(1e-4));
    }
}
