package org.specsoc.api.model;

/**
 * Maps spectra (B x M) to latent mass fractions (B x K) whose last component (index K-1) is the SOC mass
 * fraction. The models issue defines the training contract on top of this.
 */
public interface Encoder {

    /** The plugin name that made it. */
    String name();

    ModelShape shape();
}
