package org.specsoc.encoders.plsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.model.FittedEncoder.Tensor;

class PlsrEncoderTest {

    @Test
    void noiselessLinearRelationIsRecoveredExactlyWithTheComponentsChosenByCrossValidation() {
        int bands = 8;
        var rnd = new SplittableRandom(1);
        double[] b = new double[bands];
        for (int j = 0; j < bands; j++) {
            b[j] = rnd.nextGaussian() * 0.05;
        }
        float[] x = PlantedData.uniform(60, bands, rnd);
        SpectralDataset train = PlantedData.dataset(x, bands, PlantedData.linear(x, bands, 0.03, b), Map.of());
        PlsrEncoder plsr = PlantedData.encoder(PlsrSettings.defaults(), bands);

        plsr.fit(train);

        assertThat(plsr.components()).isEqualTo(bands);
        assertThat(plsr.crossValidation().orElseThrow().rmse()[bands - 1]).isLessThan(1e-5);
        double[] coef = plsr.coefficients();
        for (int j = 0; j < bands; j++) {
            assertThat(coef[j]).as("band %d", j).isCloseTo(b[j], within(2e-5));
        }
        assertThat(plsr.intercept()).isCloseTo(0.03, within(2e-5));
        float[] fresh = PlantedData.uniform(20, bands, rnd);
        float[] expected = PlantedData.linear(fresh, bands, 0.03, b);
        float[] got = plsr.predictSoc(fresh, 20);
        for (int i = 0; i < 20; i++) {
            assertThat((double) got[i]).isCloseTo(expected[i], within(1e-5));
        }
    }

    @ParameterizedTest(name = "scale={0}")
    @ValueSource(booleans = {false, true})
    void withAsManyComponentsAsTheRankPlsIsOrdinaryLeastSquares(boolean scale) {
        int rows = 50;
        int bands = 6;
        var rnd = new SplittableRandom(2);
        float[] x = PlantedData.uniform(rows, bands, rnd);
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = (float) (0.02 + 0.04 * x[i * bands] - 0.03 * x[i * bands + 3] + 0.01 * rnd.nextGaussian());
        }
        PlsrEncoder plsr = PlantedData.encoder(PlsrSettings.defaults().withComponents(bands).withScale(scale), bands);
        plsr.fit(PlantedData.dataset(x, bands, y, Map.of()));

        // OLS with an intercept column, by Householder QR.
        double[][] design = new double[rows][bands + 1];
        for (int i = 0; i < rows; i++) {
            design[i][0] = 1;
            for (int j = 0; j < bands; j++) {
                design[i][j + 1] = x[i * bands + j];
            }
        }
        double[] target = new double[rows];
        for (int i = 0; i < rows; i++) {
            target[i] = y[i];
        }
        RealVector ols = new QRDecomposition(new Array2DRowRealMatrix(design, false)).getSolver()
                .solve(new ArrayRealVector(target, false));

        assertThat(plsr.components()).isEqualTo(bands);
        assertThat(plsr.intercept()).isCloseTo(ols.getEntry(0), within(1e-4));
        double[] coef = plsr.coefficients();
        for (int j = 0; j < bands; j++) {
            assertThat(coef[j]).as("band %d", j).isCloseTo(ols.getEntry(j + 1), within(1e-4));
        }
    }

    @Test
    void crossValidationFindsThePlantedNumberOfComponents() {
        int rank = 3;
        SpectralDataset train = PlantedData.lowRank(120, 24, rank, 1e-3, 2e-3, 3,
                PlantedData.groups(SpectralDataset.PEDON, PlantedData.blocks(120, 3, "p")));
        for (ComponentSelection rule : ComponentSelection.values()) {
            PlsrEncoder plsr = PlantedData.encoder(PlsrSettings.defaults().withMaxComponents(10).withSelection(rule),
                    24);
            plsr.fit(train);
            CrossValidation cv = plsr.crossValidation().orElseThrow();
            assertThat(cv.chosen()).as(rule.key()).isEqualTo(rank);
            assertThat(plsr.components()).isEqualTo(rank);
            assertThat(cv.grouping()).isEqualTo(SpectralDataset.PEDON);
            assertThat(cv.folds()).isEqualTo(5);
            // One component too few leaves part of SOC unexplained; more only fit noise.
            assertThat(cv.rmse()[rank - 2]).isGreaterThan(1.1 * cv.rmse()[rank - 1]);
            assertThat(cv.rmse()[9]).isGreaterThanOrEqualTo(cv.rmse()[rank - 1]);
        }
    }

    @Test
    void exportedStateRestoresIdenticalPredictionsAndOutlierStatistics() {
        SpectralDataset train = PlantedData.lowRank(80, 16, 4, 1e-2, 1e-3, 4, Map.of());
        PlsrEncoder fitted = PlantedData.encoder(PlsrSettings.defaults().withScale(true), 16);
        fitted.fit(train);
        Map<String, Tensor> state = fitted.exportState();

        PlsrEncoder restored = PlantedData.encoder(PlsrSettings.defaults().withScale(true), 16);
        assertThat(restored.fitted()).isFalse();
        restored.restore(state);

        float[] x = PlantedData.lowRank(30, 16, 4, 1e-2, 1e-3, 5, Map.of()).spectra();
        float[][] a = outputs(fitted, x, 30);
        float[][] b = outputs(restored, x, 30);
        for (int k = 0; k < 3; k++) {
            assertThat(b[k]).containsExactly(a[k]);
        }
        assertThat(restored.exportState()).isEqualTo(state);
        assertThat(state.get(PlsrModel.WEIGHTS).shape()).containsExactly(16, fitted.components());
    }

    @Test
    void restoreNamesTheMissingOrMisshapenTensor() {
        SpectralDataset train = PlantedData.lowRank(40, 8, 2, 1e-2, 1e-3, 6, Map.of());
        PlsrEncoder plsr = PlantedData.encoder(PlsrSettings.defaults(), 8);
        plsr.fit(train);
        var state = new java.util.LinkedHashMap<>(plsr.exportState());
        state.remove(PlsrModel.LOADINGS);
        assertThatThrownBy(() -> PlantedData.encoder(PlsrSettings.defaults(), 8).restore(state))
                .hasMessageContaining("no tensor 'x-loadings'");
        state.put(PlsrModel.LOADINGS, Tensor.matrix(2, 8, new float[16]));
        assertThatThrownBy(() -> PlantedData.encoder(PlsrSettings.defaults(), 8).restore(state))
                .hasMessageContaining("'x-loadings' has shape [2, 8], expected [8, " + plsr.components() + "]");
    }

    @Test
    void qFlagsSpectraOffTheModelPlaneAndT2FlagsSpectraFarAlongIt() {
        int bands = 20;
        SpectralDataset train = PlantedData.lowRank(100, bands, 3, 1e-3, 1e-3, 8, Map.of());
        PlsrEncoder plsr = PlantedData.encoder(PlsrSettings.defaults().withComponents(3), bands);
        plsr.fit(train);
        float[][] in = outputs(plsr, train.spectra(), 100);
        double q99 = max(in[2]);
        double t99 = max(in[1]);

        // Off the plane: a bump the training spectra never had. Far along it: a training spectrum, exaggerated.
        float[] odd = train.spectrum(0);
        for (int j = 5; j < 10; j++) {
            odd[j] += 0.05f;
        }
        float[] far = train.spectrum(1);
        float[] mean = columnMean(train);
        for (int j = 0; j < bands; j++) {
            far[j] = mean[j] + 8 * (far[j] - mean[j]);
        }
        float[][] out = outputs(plsr, concat(odd, far), 2);
        assertThat((double) out[2][0]).isGreaterThan(100 * q99);
        assertThat((double) out[1][1]).isGreaterThan(10 * t99);
        assertThat((double) out[2][1]).isLessThan(100 * q99);
        // Training scores have the variance T² assumes: mean T² over the training rows is the component count.
        assertThat(Arrays.stream(toDouble(in[1])).sum() / 100).isCloseTo(3 * 99.0 / 100, within(1e-3));
    }

    @Test
    void unlabelledRowsAreIgnored() {
        SpectralDataset labelled = PlantedData.lowRank(60, 10, 3, 1e-2, 1e-3, 9,
                PlantedData.groups(SpectralDataset.PEDON, PlantedData.blocks(60, 2, "p")));
        SpectralDataset extra = PlantedData.lowRank(25, 10, 1, 0.5, 0, 10,
                PlantedData.groups(SpectralDataset.PEDON, PlantedData.blocks(25, 2, "q")));
        float[] x = concat(labelled.spectra(), extra.spectra());
        float[] y = new float[85];
        Arrays.fill(y, Float.NaN);
        System.arraycopy(labelled.socLabels(), 0, y, 0, 60);
        String[] pedon = new String[85];
        System.arraycopy(labelled.group(SpectralDataset.PEDON), 0, pedon, 0, 60);
        System.arraycopy(extra.group(SpectralDataset.PEDON), 0, pedon, 60, 25);
        SpectralDataset mixed = PlantedData.dataset(x, 10, y, PlantedData.groups(SpectralDataset.PEDON, pedon));

        PlsrEncoder a = PlantedData.encoder(PlsrSettings.defaults(), 10);
        a.fit(labelled);
        PlsrEncoder b = PlantedData.encoder(PlsrSettings.defaults(), 10);
        b.fit(mixed);

        assertThat(b.exportState()).isEqualTo(a.exportState());
        assertThat(b.crossValidation().orElseThrow().rmse()).containsExactly(a.crossValidation().orElseThrow().rmse());
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        PlsrEncoder plsr = PlantedData.encoder(PlsrSettings.defaults(), 8);
        assertThatThrownBy(() -> plsr.predictSoc(new float[8], 1)).hasMessageContaining("not fitted");
        SpectralDataset wrongBands = PlantedData.lowRank(20, 6, 2, 1e-2, 1e-3, 11, Map.of());
        assertThatThrownBy(() -> plsr.fit(wrongBands)).hasMessageContaining("built for 8 bands")
                .hasMessageContaining("have 6");
        SpectralDataset data = PlantedData.lowRank(20, 8, 2, 1e-2, 1e-3, 12, Map.of());
        float[] twoLabels = new float[20];
        Arrays.fill(twoLabels, Float.NaN);
        twoLabels[0] = 0.01f;
        twoLabels[1] = 0.02f;
        assertThatThrownBy(() -> plsr.fit(data.withLabels(twoLabels))).hasMessageContaining("at least 3 labelled");
        float[] constant = new float[20];
        Arrays.fill(constant, 0.02f);
        assertThatThrownBy(() -> plsr.fit(data.withLabels(constant))).hasMessageContaining("SOC does not vary");
    }

    private static float[][] outputs(PlsrEncoder plsr, float[] x, int rows) {
        float[] soc = new float[rows];
        float[] t2 = new float[rows];
        float[] q = new float[rows];
        plsr.predict(x, rows, soc, t2, q);
        return new float[][] {soc, t2, q};
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double max(float[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (float f : v) {
            m = Math.max(m, f);
        }
        return m;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static float[] columnMean(SpectralDataset d) {
        float[] m = new float[d.bands()];
        for (int i = 0; i < d.rows(); i++) {
            for (int j = 0; j < d.bands(); j++) {
                m[j] += d.value(i, j) / d.rows();
            }
        }
        return m;
    }
}
