package org.specsoc.runner.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ReferenceBackend;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.api.testing.GradientCheck;

/** The authors' sizes (M = 2136, K = 93, H = 512) bind, initialise and take one step of a few spectra. */
class AuthorsScaleTest {

    @Test
    void fullSizeLinearMixingModelTakesAStep() {
        var backend = new ReferenceBackend();
        double[] grid = IntStream.rangeClosed(365, 2500).mapToDouble(i -> i).toArray();
        var names = new ArrayList<String>();
        float[][] spectra = new float[92][grid.length];
        double[] rhoR = new double[92];
        for (int k = 0; k < 92; k++) {
            names.add("mineral-" + k);
            rhoR[k] = 0.687 + (3.229 - 0.687) * k / 91.0;
            for (int b = 0; b < grid.length; b++) {
                spectra[k][b] = (float) (0.3 + 0.2 * Math.sin(0.001 * b * (k + 1)));
            }
        }
        var library = new SpectralLibrary(names, grid, spectra, rhoR, "synthetic 92");
        JointModel model = Models.build(backend, "linear-mixing", grid, 93, 512, 4, library);
        assertThat(model.encoderParameterCount()).isEqualTo(1_938_189);
        assertThat(model.decoderParameterCount()).isEqualTo(2_137);
        model.initialise(new RandomStreams(0).child("init"));
        int rows = 3;
        Buffer x = backend.allocate(GradientCheck.randomValues(rows * grid.length, 0.05, 0.9, 1), rows, grid.length);
        Buffer y = backend.allocate(new float[] {0.01f, Float.NaN, 0.03f}, rows, 1);
        var step = new SocLoss(model, 0.0041, 0.01).forwardBackward(List.of(new SocLoss.Part(x, y, 2)));
        assertThat(step.total()).isFinite().isPositive();
        assertThat(step.factor()).isEqualTo(1.0);
        float[] g = backend.download(model.gradients());
        double norm = 0;
        for (float v : g) {
            norm += v * v;
        }
        assertThat(norm).isFinite().isPositive();
    }
}
