package org.specsoc.api.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.ReferenceBackend;

/**
 * Central finite differences on the double-precision reference backend. Buffers are written through
 * {@code upload} (float), so the step actually taken is measured from the stored floats rather than assumed.
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /** One compared component. */
    public record Mismatch(int index, double analytic, double numeric) {
    }

    /**
     * Compares {@code analytic} (the gradient of {@code loss} with respect to {@code values}) with central
     * differences at up to {@code samples} random indices (all indices when there are fewer).
     *
     * @return the components whose error exceeds {@code relTol * max(|numeric|, |analytic|) + absTol}
     */
    public static List<Mismatch> compare(ReferenceBackend backend, Buffer values, double[] analytic,
                                         DoubleSupplier loss, int samples, long seed, double step,
                                         double relTol, double absTol) {
        float[] base = backend.download(values);
        if (analytic.length != base.length) {
            throw new IllegalArgumentException(analytic.length + " gradient values for " + base.length + " values");
        }
        int[] indices = pick(base.length, samples, seed);
        var bad = new ArrayList<Mismatch>();
        for (int i : indices) {
            float[] work = base.clone();
            work[i] = (float) (base[i] + step);
            float plus = work[i];
            backend.upload(work, values);
            double lp = loss.getAsDouble();
            work[i] = (float) (base[i] - step);
            float minus = work[i];
            backend.upload(work, values);
            double lm = loss.getAsDouble();
            double numeric = (lp - lm) / ((double) plus - (double) minus);
            double a = analytic[i];
            if (Math.abs(numeric - a) > relTol * Math.max(Math.abs(numeric), Math.abs(a)) + absTol) {
                bad.add(new Mismatch(i, a, numeric));
            }
        }
        backend.upload(base, values);
        return bad;
    }

    private static int[] pick(int n, int samples, long seed) {
        if (n <= samples) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        SplittableRandom r = new SplittableRandom(seed);
        int[] out = new int[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = r.nextInt(n);
        }
        return out;
    }

    /** Uniform random values in [low, high) for test inputs. */
    public static float[] randomValues(int n, double low, double high, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (low + (high - low) * r.nextDouble());
        }
        return v;
    }
}
