package org.specsoc.decoders;

import com.google.auto.service.AutoService;
import java.util.List;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.SpectralPlugin;

/** Registers the decoders of this module. */
@AutoService(SpectralPlugin.class)
public final class DecoderPlugin implements SpectralPlugin {

    @Override
    public List<DecoderFactory> decoderFactories() {
        return List.of(new NoDecoderFactory(), new AnnDecoderFactory(), new LinearMixingDecoderFactory());
    }
}
