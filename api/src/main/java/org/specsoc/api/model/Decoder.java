package org.specsoc.api.model;

/** Reconstructs spectra (B x M) from latent mass fractions (B x K). */
public interface Decoder {

    String name();

    ModelShape shape();

    /** False for the {@code none} decoder: the loss then has only its SOC term and there is no OOD signal. */
    boolean reconstructs();
}
