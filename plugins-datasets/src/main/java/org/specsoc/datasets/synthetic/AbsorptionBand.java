package org.specsoc.datasets.synthetic;

/**
 * A Gaussian absorption band: at {@code centre} (nm) the continuum is multiplied by {@code 1 - depth}, with
 * standard deviation {@code width} (nm). Multiplicative bands keep reflectance positive however many overlap.
 */
record AbsorptionBand(double centre, double depth, double width) {

    double factor(double nm) {
        double z = (nm - centre) / width;
        return 1.0 - depth * Math.exp(-0.5 * z * z);
    }
}
