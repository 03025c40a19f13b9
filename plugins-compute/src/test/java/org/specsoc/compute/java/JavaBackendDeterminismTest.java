package org.specsoc.compute.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.AdamSettings;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.GemmLayout;

/** Same inputs, any thread count, any run: the same bits. */
class JavaBackendDeterminismTest {

    /** A small training step of a BN-ReLU layer and a softmax head; returns every buffer's contents. */
    private static List<float[]> step(int threads) {
        try (JavaBackend be = new JavaBackend(threads)) {
            int batch = 300;
            int in = 300;
            int hidden = 93;
            int out = 7;
            Buffer x = be.allocate(batch, in);
            be.uniform(x, -1, 1, 1);
            Buffer w1 = be.allocate(in, hidden);
            be.uniform(w1, -0.02f, 0.02f, 2);
            Buffer b1 = be.allocate(1, hidden);
            be.uniform(b1, -0.02f, 0.02f, 3);
            Buffer w2 = be.allocate(hidden, out);
            be.uniform(w2, -0.1f, 0.1f, 4);
            Buffer h = be.allocate(batch, hidden);
            Buffer hn = be.allocate(batch, hidden);
            Buffer gamma = be.allocate(1, hidden);
            be.fill(gamma, 1f);
            Buffer beta = be.allocate(1, hidden);
            Buffer rm = be.allocate(1, hidden);
            Buffer rv = be.allocate(1, hidden);
            be.fill(rv, 1f);
            Buffer mean = be.allocate(1, hidden);
            Buffer inv = be.allocate(1, hidden);
            Buffer logits = be.allocate(batch, out);
            Buffer prob = be.allocate(batch, out);
            Buffer target = be.allocate(batch, out);
            be.uniform(target, 0, 1, 5);

            be.gemm(GemmLayout.NN, x, w1, h, b1, Activation.IDENTITY, false);
            be.batchNorm(BatchNormMode.TRAINING, h, gamma, beta, rm, rv, 0.1f, 1e-5f, mean, inv, Activation.RELU, hn);
            be.gemm(GemmLayout.NN, hn, w2, logits, null, Activation.IDENTITY, false);
            be.softmax(logits, prob);
            Buffer dProb = be.allocate(batch, out);
            double loss = be.squaredError(prob, target, 1f / batch, dProb, false);
            Buffer dLogits = be.allocate(batch, out);
            be.softmaxBackward(prob, dProb, dLogits);
            Buffer dW2 = be.allocate(hidden, out);
            be.gemm(GemmLayout.TN, hn, dLogits, dW2, null, Activation.IDENTITY, false);
            Buffer dHn = be.allocate(batch, hidden);
            be.gemm(GemmLayout.NT, dLogits, w2, dHn, null, Activation.IDENTITY, false);
            Buffer dH = be.allocate(batch, hidden);
            Buffer dGamma = be.allocate(1, hidden);
            Buffer dBeta = be.allocate(1, hidden);
            be.batchNormBackward(h, hn, dHn, Activation.RELU, gamma, mean, inv, dH, dGamma, dBeta);
            Buffer dW1 = be.allocate(in, hidden);
            be.gemm(GemmLayout.TN, x, dH, dW1, null, Activation.IDENTITY, false);
            Buffer dB1 = be.allocate(1, hidden);
            be.columnSums(dH, dB1, false);
            Buffer mAdam = be.allocate(in, hidden);
            Buffer vAdam = be.allocate(in, hidden);
            be.adam(w1, dW1, mAdam, vAdam, AdamSettings.authors(), 1);
            var all = new ArrayList<float[]>();
            for (Buffer b : List.of(h, hn, rm, rv, logits, prob, dLogits, dW2, dHn, dH, dGamma, dBeta, dW1, dB1, w1)) {
                all.add(be.download(b));
            }
            all.add(new float[] {(float) loss, (float) (loss - (float) loss)});
            return all;
        }
    }

    @Test
    void bitIdenticalAcrossRunsAndThreadCounts() {
        List<float[]> one = step(1);
        List<float[]> again = step(1);
        List<float[]> two = step(2);
        List<float[]> three = step(3);
        for (int i = 0; i < one.size(); i++) {
            assertThat(again.get(i)).as("buffer %d, second run", i).containsExactly(one.get(i));
            assertThat(two.get(i)).as("buffer %d, 2 threads", i).containsExactly(one.get(i));
            assertThat(three.get(i)).as("buffer %d, 3 threads", i).containsExactly(one.get(i));
        }
        boolean nonZero = false;
        for (float v : one.get(12)) {
            nonZero |= v != 0f;
        }
        assertThat(nonZero).as("dW1 is not trivially zero").isTrue();
    }
}
