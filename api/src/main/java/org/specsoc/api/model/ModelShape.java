package org.specsoc.api.model;

/** What a model is built for: the data's wavelength grid (M = its length) and the latent size K. */
public record ModelShape(double[] wavelengths, int latent) {

    public ModelShape {
        wavelengths = wavelengths.clone();
        if (latent < 2) {
            throw new IllegalArgumentException("latent size must be at least 2 (minerals + SOC), got " + latent);
        }
    }

    public int bands() {
        return wavelengths.length;
    }

    @Override
    public double[] wavelengths() {
        return wavelengths.clone();
    }
}
