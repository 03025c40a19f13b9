package org.specsoc.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * Gamma and Dirichlet draws from an injected SplittableRandom (Marsaglia and Tsang 2000, ACM TOMS 26(3)),
 * written here because the pinned dependencies offer no sampler that takes a SplittableRandom.
 */
final class Gamma {

    private Gamma() {
    }

    static double normal(SplittableRandom r) {
        // Box-Muller; one value per call keeps the stream position independent of caching.
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static double gamma(double shape, SplittableRandom r) {
        if (shape < 1) {
            // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
            return gamma(shape + 1, r) * Math.pow(1.0 - r.nextDouble(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = normal(r);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1.0 - r.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    static double[] dirichlet(double[] alpha, SplittableRandom r) {
        double[] x = new double[alpha.length];
        double sum = 0;
        for (int i = 0; i < alpha.length; i++) {
            x[i] = gamma(alpha[i], r);
            sum += x[i];
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= sum;
        }
        return x;
    }
}
