package org.specsoc.encoders.plsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.api.data.SpectralDataset;

class CrossProductsTest {

    /** Wide enough for column slabs; more rows than one GEMM block; both at once would be slow in double. */
    @ParameterizedTest(name = "{0} rows x {1} bands")
    @CsvSource({"40, 600", "2050, 40"})
    void sumsEqualTheDirectDoubleComputation(int rows, int bands) {
        var rnd = new SplittableRandom(rows + bands);
        float[] x = PlantedData.uniform(rows, bands, rnd);
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = (float) rnd.nextDouble();
        }
        SpectralDataset data = PlantedData.dataset(x, bands, y, Map.of());
        int[] subset = IntStream.range(0, rows).filter(i -> i % 7 != 3).toArray();
        float[] mu = new float[bands];
        for (int j = 0; j < bands; j++) {
            mu[j] = 0.35f;
        }
        double yMu = 0.5;

        CrossProducts s = CrossProducts.of(new ReferenceBackend(), data, subset, mu, yMu);

        double n = subset.length;
        assertThat(s.count()).isEqualTo(n);
        double sy = 0;
        for (int r : subset) {
            sy += y[r] - yMu;
        }
        assertThat(s.sumY()).isCloseTo(sy, within(1e-3));
        for (int i : new int[] {0, bands / 3, bands / 2 + 1, bands - 1}) {
            double sx = 0;
            double sxy = 0;
            for (int r : subset) {
                sx += x[r * bands + i] - mu[i];
                sxy += (x[r * bands + i] - mu[i]) * (y[r] - yMu);
            }
            assertThat(s.sumX(i)).isCloseTo(sx, within(1e-3));
            assertThat(s.sumXY(i)).isCloseTo(sxy, within(1e-3));
            for (int j = 0; j < bands; j++) {
                double sxx = 0;
                for (int r : subset) {
                    sxx += (x[r * bands + i] - mu[i]) * (x[r * bands + j] - mu[j]);
                }
                assertThat(s.sumXX(i, j)).as("(%d, %d)", i, j).isCloseTo(sxx, within(1e-3));
                assertThat(s.sumXX(j, i)).as("(%d, %d)", j, i).isCloseTo(sxx, within(1e-3));
            }
        }
    }
}
