package org.specsoc.runner.testing;

import com.google.auto.service.AutoService;
import java.util.List;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.SpectralPlugin;

/**
 * Registered for {@link java.util.ServiceLoader} in the runner's test class path only, to show that discovery
 * finds plugins registered with {@code @AutoService}. Its names start with {@code fixture-} so that they can
 * never be picked by a real configuration, and it has no compute backend so that {@code auto} is unaffected.
 */
@AutoService(SpectralPlugin.class)
public final class FixturePlugin implements SpectralPlugin {

    @Override
    public List<EncoderFactory> encoderFactories() {
        return List.of(new FakeFactories.Encoders("fixture-encoder",
                ConfigSpec.builder().integer("width", 8, 1, 64, "fixture width").build()));
    }

    @Override
    public List<DecoderFactory> decoderFactories() {
        return List.of(new FakeFactories.Decoders("fixture-decoder", ConfigSpec.empty()));
    }

    @Override
    public List<DatasetFactory> datasetFactories() {
        return List.of(new FakeFactories.Datasets("fixture-dataset", ConfigSpec.empty()));
    }
}
