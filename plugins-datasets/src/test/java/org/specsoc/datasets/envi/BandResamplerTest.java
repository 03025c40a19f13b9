package org.specsoc.datasets.envi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BandResamplerTest {
    private static double[] grid(double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = from + i * step;
        }
        return g;
    }

    private static double[] linear(double[] x, double a, double b) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = a + b * x[i];
        }
        return y;
    }

    @Test
    void interpolationReproducesALinearSpectrumExactly() {
        double[] sensor = grid(400, 2500, 10);
        double[] model = grid(403, 2497, 1);
        double[] out = BandResampler.interpolate(sensor, linear(sensor, 0.1, 2e-4), model);
        assertThat(out).containsExactly(linear(model, 0.1, 2e-4), within(1e-12));
    }

    @Test
    void interpolationHandlesUnsortedOverlappingDetectorsAndAveragesSharedCentres() {
        // VNIR 400..1000 then SWIR 900..1200, and one centre measured by both detectors
        double[] centres = {400, 700, 1000, 900, 1000, 1200};
        double[] values = {0.1, 0.4, 0.7, 0.6, 0.9, 1.1};
        double[] out = BandResampler.interpolate(centres, values, new double[] {400, 800, 950, 1000, 1100});
        // sorted nodes: 400:0.1, 700:0.4, 900:0.6, 1000:(0.7+0.9)/2 = 0.8, 1200:1.1
        assertThat(out).containsExactly(new double[] {0.1, 0.5, 0.7, 0.8, 0.95}, within(1e-12));
    }

    @Test
    void aGridTheInputDoesNotCoverIsRefusedNamingTheMissingRange() {
        double[] sensor = grid(400, 2450, 10);
        double[] model = grid(365, 2500, 1);
        assertThatThrownBy(() -> BandResampler.between(sensor, new double[0], new boolean[0], model, "input"))
                .isInstanceOf(SpectralCoverageException.class)
                .hasMessage("input covers 400\u20132450 nm but the model needs 365\u20132500 nm "
                        + "(missing 365\u2013400 nm and 2450\u20132500 nm)");
        assertThatThrownBy(() -> BandResampler.interpolate(grid(400, 2500, 10), new double[211], grid(380, 900, 1)))
                .isInstanceOf(SpectralCoverageException.class).hasMessageContaining("(missing 380\u2013400 nm)");
    }

    @Test
    void halfABandBeyondTheOutermostCentresCountsAsCoveredWhenFwhmIsKnown() {
        double[] centres = {405, 500, 600, 2495};
        double[] fwhm = {10, 10, 10, 10};
        double[] model = grid(400, 2500, 1);
        var r = BandResampler.between(centres, fwhm, new boolean[0], model, "scene.hdr");
        float[] sensor = {0.2f, 0.3f, 0.4f, 0.5f};
        float[] out = new float[model.length];
        r.toModelGrid(sensor, 0, out, 0);
        assertThat(out[0]).isEqualTo(0.2f);   // 400 nm: held from the 405 nm band
        assertThat(out[5]).isEqualTo(0.2f);
        assertThat(out[model.length - 1]).isEqualTo(0.5f);
        assertThatThrownBy(() -> BandResampler.between(centres, new double[0], new boolean[0], model, "scene.hdr"))
                .hasMessageContaining("scene.hdr covers 405\u20132495 nm");
        assertThatThrownBy(() -> BandResampler.between(centres, fwhm, new boolean[0], grid(399, 2500, 1), "s"))
                .hasMessageContaining("missing 399\u2013400 nm");
    }

    @Test
    void badBandsAreInterpolatedAcrossAndNeverCompared() {
        double[] centres = {400, 500, 600, 700};
        boolean[] good = {true, false, true, true};
        double[] model = grid(400, 700, 50);
        var r = BandResampler.between(centres, new double[0], good, model, "s");
        float[] sensor = {1f, 99f, 3f, 4f};
        float[] out = new float[model.length];
        r.toModelGrid(sensor, 0, out, 0);
        assertThat(out).containsExactly(1f, 1.5f, 2f, 2.5f, 3f, 3.5f, 4f);
        assertThat(r.comparableBands()).containsExactly(0, 2, 3);
        assertThatThrownBy(() -> BandResampler.between(centres, new double[0], new boolean[] {false, false, true,
                false}, model, "s")).hasMessageContaining("has 1 usable band(s)");
    }

    @Test
    void gaussianResponseOfALinearSpectrumIsItsValueAtTheCentre() {
        double[] model = grid(350, 2500, 1);
        double[] spectrum = linear(model, 0.05, 3e-4);
        double[] centres = {500.3, 1234.5, 2000};
        double[] out = BandResampler.convolveToBands(model, spectrum, centres, new double[] {9.5, 12, 25});
        // exact for a centre on the grid; off the grid the sampled response is not quite symmetric (a shift
        // of well under 0.01 nm)
        assertThat(out[2]).isCloseTo(0.05 + 3e-4 * 2000, within(1e-12));
        for (int b = 0; b < centres.length; b++) {
            assertThat(out[b]).isCloseTo(0.05 + 3e-4 * centres[b], within(3e-4 * 0.01));
        }
    }

    @Test
    void gaussianResponseOfABoxIsTheNormalProbabilityOfTheBox() {
        double[] model = grid(400, 1000, 0.25);
        double fwhm = 20;
        double sigma = fwhm / (2 * Math.sqrt(2 * Math.log(2)));
        double half = 1.959964 * sigma;   // box of +-1.96 sigma around 700 nm holds 95 %
        double[] box = new double[model.length];
        for (int i = 0; i < model.length; i++) {
            box[i] = Math.abs(model[i] - 700) <= half ? 1 : 0;
        }
        double[] out = BandResampler.convolveToBands(model, box, new double[] {700, 700 - half, 600},
                new double[] {fwhm, fwhm, fwhm});
        assertThat(out[0]).isCloseTo(0.95, within(0.01));
        assertThat(out[1]).isCloseTo(0.5, within(0.01));   // centred on the box edge
        assertThat(out[2]).isEqualTo(0.0);                 // 100 nm away: beyond 3 sigma
    }

    @Test
    void withoutFwhmOrForNarrowBandsTheModelGridIsInterpolatedAtTheCentre() {
        double[] model = grid(400, 500, 10);
        double[] spectrum = new double[model.length];
        spectrum[5] = 1;   // a spike at 450 nm
        double[] linearOut = BandResampler.convolveToBands(model, spectrum, new double[] {445, 450}, null);
        assertThat(linearOut).containsExactly(0.5, 1.0);
        double[] narrow = BandResampler.convolveToBands(model, spectrum, new double[] {445, 450},
                new double[] {15, 15});   // narrower than two 10 nm steps
        assertThat(narrow).containsExactly(0.5, 1.0);
        double[] wide = BandResampler.convolveToBands(model, spectrum, new double[] {450}, new double[] {40});
        assertThat(wide[0]).isBetween(0.1, 0.9);
        assertThat(BandResampler.convolveToBands(model, spectrum, new double[] {390}, null)[0]).isNaN();
    }

    @Test
    void instanceWeightsMatchThePureFunctionsAndComparableBandsLieOnTheGrid() {
        double[] model = grid(420, 2400, 1);
        double[] centres = {380, 410, 430.5, 800, 1650, 2390, 2450};
        double[] fwhm = {8, 8, 8, 9, 11, 11, 11};
        var r = BandResampler.between(centres, fwhm, new boolean[0], model, "s");
        assertThat(r.comparableBands()).containsExactly(2, 3, 4, 5);
        assertThat(r.usesGaussianResponse()).isTrue();
        assertThat(r.sensorBands()).isEqualTo(7);
        double[] spectrum = new double[model.length];
        float[] spectrumF = new float[model.length];
        for (int i = 0; i < model.length; i++) {
            spectrum[i] = 0.3 + 0.1 * Math.sin(model[i] / 37.0);
            spectrumF[i] = (float) spectrum[i];
        }
        float[] atBands = new float[4];
        r.toSensorBands(spectrumF, 0, atBands, 0);
        double[] expected = BandResampler.convolveToBands(model, spectrum, new double[] {430.5, 800, 1650, 2390},
                new double[] {8, 9, 11, 11});
        for (int i = 0; i < 4; i++) {
            assertThat((double) atBands[i]).isCloseTo(expected[i], within(1e-6));
        }
        float[] sensor = new float[14];
        for (int b = 0; b < 7; b++) {
            sensor[7 + b] = (float) (0.3 + 1e-4 * centres[b]);
        }
        float[] onModel = new float[model.length];
        r.toModelGrid(sensor, 7, onModel, 0);
        double[] expectedModel = BandResampler.interpolate(centres, linear(centres, 0.3, 1e-4), model);
        for (int i = 0; i < model.length; i++) {
            assertThat((double) onModel[i]).isCloseTo(expectedModel[i], within(1e-6));
        }
    }
}
