package org.specsoc.api.model;

import java.util.List;

/**
 * A decoder with a physical reading (the linear-mixing decoder): fixed endmembers plus a learned SOC
 * spectrum and SOC density x radius, reported after training (the paper's Experiment 2).
 */
public interface MixingDecoder extends TrainableDecoder {

    /** Names of the fixed endmembers, in latent order (SOC, the last latent component, is not among them). */
    List<String> endmemberNames();

    /** The learned SOC spectrum f_SOC on the model's grid (downloaded from the backend). */
    float[] socSpectrum();

    /** The learned (rho r)_SOC in mg m^-2. */
    double socRhoR();
}
