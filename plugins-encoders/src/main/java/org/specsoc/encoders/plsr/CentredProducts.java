package org.specsoc.encoders.plsr;

/**
 * The centred (and optionally scaled) cross-products of one training set, in double: {@code zz = Z^T Z} and
 * {@code zy = Z^T (y - mean y)} with {@code Z = (X - mean) / scale}, which is all SIMPLS needs.
 *
 * @param rows   training rows
 * @param mean   band means, relative to the centre the cross-products were summed around
 * @param yMean  SOC mean, relative to that centre
 * @param scale  per-band divisor (1 without scaling, and for bands with no variance)
 * @param zz     bands x bands, row-major
 * @param zy     bands
 */
record CentredProducts(double rows, double[] mean, double yMean, double[] scale, double[] zz, double[] zy) {

    /** Bands whose standard deviation is below this fraction of the largest are left unscaled (constant bands). */
    private static final double CONSTANT_BAND = 1e-7;

    static CentredProducts of(CrossProducts s, boolean autoscale) {
        int p = s.bands();
        double n = s.count();
        if (n < 2) {
            throw new IllegalArgumentException("PLSR needs at least 2 labelled spectra to fit, got " + (long) n);
        }
        double[] mean = new double[p];
        for (int j = 0; j < p; j++) {
            mean[j] = s.sumX(j) / n;
        }
        double yMean = s.sumY() / n;
        double[] scale = new double[p];
        java.util.Arrays.fill(scale, 1.0);
        if (autoscale) {
            double largest = 0;
            for (int j = 0; j < p; j++) {
                double var = Math.max(0, (s.sumXX(j, j) - n * mean[j] * mean[j]) / (n - 1));
                scale[j] = Math.sqrt(var);
                largest = Math.max(largest, scale[j]);
            }
            for (int j = 0; j < p; j++) {
                if (!(scale[j] > CONSTANT_BAND * largest)) {
                    scale[j] = 1.0;
                }
            }
        }
        double[] zz = new double[p * p];
        double[] zy = new double[p];
        for (int i = 0; i < p; i++) {
            double mi = mean[i];
            double di = scale[i];
            for (int j = 0; j < p; j++) {
                zz[i * p + j] = (s.sumXX(i, j) - n * mi * mean[j]) / (di * scale[j]);
            }
            zy[i] = (s.sumXY(i) - n * mi * yMean) / di;
        }
        return new CentredProducts(n, mean, yMean, scale, zz, zy);
    }

    int bands() {
        return mean.length;
    }
}
