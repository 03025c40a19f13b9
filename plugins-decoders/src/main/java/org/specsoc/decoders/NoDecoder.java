package org.specsoc.decoders;

import org.specsoc.api.model.Decoder;
import org.specsoc.api.model.ModelShape;

/** {@code decoder.type=none}: no reconstruction; the loss keeps only its SOC term (reference spec 2.5). */
public record NoDecoder(ModelShape shape) implements Decoder {

    @Override
    public String name() {
        return NoDecoderFactory.NAME;
    }

    @Override
    public boolean reconstructs() {
        return false;
    }
}
