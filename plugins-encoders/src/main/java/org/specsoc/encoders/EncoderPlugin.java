package org.specsoc.encoders;

import com.google.auto.service.AutoService;
import java.util.List;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.SpectralPlugin;

/** Registers the encoders of this module. */
@AutoService(SpectralPlugin.class)
public final class EncoderPlugin implements SpectralPlugin {

    @Override
    public List<EncoderFactory> encoderFactories() {
        return List.of(new MlpEncoderFactory());
    }
}
