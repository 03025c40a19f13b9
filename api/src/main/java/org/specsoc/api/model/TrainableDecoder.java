package org.specsoc.api.model;

/**
 * A decoder trained jointly with the encoder: forward maps latent fractions (B x K) to spectra (B x M).
 *
 * <p>A decoder may scale the whole loss by a factor of its own parameters (the linear-mixing decoder's
 * soft penalty keeping f_SOC in [0, 1]): the total loss is then {@code lossFactor() * (data terms)}.
 */
public interface TrainableDecoder extends Decoder, NetworkPart {

    @Override
    default boolean reconstructs() {
        return true;
    }

    /** The multiplicative loss factor for the current parameters; 1 when the decoder has none. */
    default double lossFactor() {
        return 1;
    }

    /** Adds {@code scale * d(lossFactor)/d(parameters)} into the gradient buffer. */
    default void addLossFactorGradient(double scale) {
    }
}
