package org.specsoc.datasets.synthetic;

import java.util.List;

/**
 * A reflectance spectrum written down from the physics rather than measured: a linear continuum from
 * {@code start} (at 365 nm) to {@code end} (at 2500 nm), an optional charge-transfer edge in the visible (the
 * steep blue/green absorption of iron oxides: reflectance falls to {@code edgeFloor} times the continuum below
 * {@code edgeCentre}), and multiplicative absorption bands.
 */
record AnalyticSpectrum(double start, double end, double edgeCentre, double edgeWidth, double edgeFloor,
                        List<AbsorptionBand> bands) {

    static AnalyticSpectrum of(double start, double end, AbsorptionBand... bands) {
        return new AnalyticSpectrum(start, end, 0, 1, 1, List.of(bands));
    }

    static AnalyticSpectrum withEdge(double start, double end, double edgeCentre, double edgeWidth, double edgeFloor,
                                     AbsorptionBand... bands) {
        return new AnalyticSpectrum(start, end, edgeCentre, edgeWidth, edgeFloor, List.of(bands));
    }

    double at(double nm) {
        double t = (nm - 365.0) / (2500.0 - 365.0);
        double r = start + (end - start) * t;
        if (edgeFloor < 1) {
            double logistic = 1.0 / (1.0 + Math.exp(-(nm - edgeCentre) / edgeWidth));
            r *= edgeFloor + (1 - edgeFloor) * logistic;
        }
        for (AbsorptionBand b : bands) {
            r *= b.factor(nm);
        }
        return r;
    }

    float[] sample(double[] grid) {
        float[] out = new float[grid.length];
        for (int i = 0; i < grid.length; i++) {
            out[i] = (float) at(grid[i]);
        }
        return out;
    }
}
