package org.specsoc.encoders.plsr;

import com.google.auto.service.AutoService;
import java.util.List;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.SpectralPlugin;

/** Registers the partial least squares baseline encoder {@code plsr}. */
@AutoService(SpectralPlugin.class)
public final class PlsrPlugin implements SpectralPlugin {

    @Override
    public List<EncoderFactory> encoderFactories() {
        return List.of(new PlsrEncoderFactory());
    }
}
