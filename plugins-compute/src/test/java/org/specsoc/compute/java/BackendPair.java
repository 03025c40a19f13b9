package org.specsoc.compute.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Random;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ReferenceBackend;

/**
 * The java backend under test beside the double-precision oracle, fed the same inputs. {@link #same} makes a
 * pair of buffers holding identical values; {@link #assertClose} compares the java result with the oracle's.
 */
final class BackendPair implements AutoCloseable {
    /** Relative tolerance of the issue: 1e-4. */
    static final double TOLERANCE = 1e-4;

    final JavaBackend java;
    final ReferenceBackend ref = new ReferenceBackend();
    private final Random random;

    BackendPair(int threads, long seed) {
        this.java = new JavaBackend(threads);
        this.random = new Random(seed);
    }

    record Pair(Buffer java, Buffer ref) {
    }

    float[] randomValues(int size, float low, float high) {
        float[] v = new float[size];
        for (int i = 0; i < v.length; i++) {
            v[i] = low + (high - low) * random.nextFloat();
        }
        return v;
    }

    Pair same(int rows, int cols, float low, float high) {
        return same(rows, cols, randomValues(rows * cols, low, high));
    }

    Pair same(int rows, int cols, float[] values) {
        return new Pair(java.allocate(values, rows, cols), ref.allocate(values, rows, cols));
    }

    Pair zeros(int rows, int cols) {
        return new Pair(java.allocate(rows, cols), ref.allocate(rows, cols));
    }

    void assertClose(Pair p, String what) {
        assertClose(java.download(p.java()), ref.values(p.ref()), what);
    }

    /**
     * |x - r| &lt;= 1e-4 * max(|r|, rms(reference)): relative, with the matrix's own scale as the floor so that
     * an element that is a near-cancelling sum is not judged by its tiny size alone.
     */
    static void assertClose(float[] actual, double[] expected, String what) {
        assertThat(actual).as(what + " size").hasSize(expected.length);
        double ss = 0;
        for (double e : expected) {
            ss += e * e;
        }
        double rms = expected.length == 0 ? 0 : Math.sqrt(ss / expected.length);
        for (int i = 0; i < actual.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            double bound = TOLERANCE * Math.max(Math.abs(expected[i]), rms) + 1e-30;
            if (!(err <= bound) && !(Double.isNaN(expected[i]) && Float.isNaN(actual[i]))) {
                fail(what + ": element " + i + " is " + actual[i] + ", the oracle says " + expected[i]
                        + " (error " + err + " > " + bound + ")");
            }
        }
    }

    static void assertClose(double actual, double expected, String what) {
        assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(TOLERANCE * Math.abs(expected) + 1e-30);
    }

    @Override
    public void close() {
        java.close();
        ref.close();
    }
}
