package org.specsoc.api.model;

/** An encoder trained by back-propagation; its forward output is the latent mass fractions (B x K). */
public interface TrainableEncoder extends Encoder, NetworkPart {

    /** The latent column holding the SOC mass fraction: the last one. */
    default int socColumn() {
        return shape().latent() - 1;
    }
}
