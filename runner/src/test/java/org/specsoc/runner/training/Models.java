package org.specsoc.runner.training;

import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.model.Decoder;
import org.specsoc.api.model.ModelShape;
import org.specsoc.decoders.AnnDecoder;
import org.specsoc.decoders.Endmembers;
import org.specsoc.decoders.LinearMixingDecoder;
import org.specsoc.decoders.NoDecoder;
import org.specsoc.encoders.MlpEncoder;

/** Small models for tests. */
final class Models {
    private Models() {
    }

    static JointModel build(ComputeBackend backend, String decoder, double[] wavelengths, int latent, int hidden,
                            int blocks, SpectralLibrary minerals) {
        ModelShape shape = new ModelShape(wavelengths, latent);
        Decoder d = switch (decoder) {
            case "none" -> new NoDecoder(shape);
            case "ann" -> new AnnDecoder(shape, hidden, blocks);
            case "linear-mixing" -> new LinearMixingDecoder(shape, Endmembers.resample(minerals, wavelengths), true,
                    1000);
            default -> throw new IllegalArgumentException(decoder);
        };
        return new JointModel(backend, new MlpEncoder(shape, hidden, blocks), d);
    }
}
