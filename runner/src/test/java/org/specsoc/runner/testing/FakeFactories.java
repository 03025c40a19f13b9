package org.specsoc.runner.testing;

import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.config.PluginConfig;
import org.specsoc.api.data.PreprocessingStep;
import org.specsoc.api.data.SpectralDataSource;
import org.specsoc.api.model.Decoder;
import org.specsoc.api.model.Encoder;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.DecoderFactory;
import org.specsoc.api.plugin.EncoderFactory;
import org.specsoc.api.plugin.PluginContext;
import org.specsoc.api.plugin.PreprocessorFactory;

/**
 * Factories that only declare a name and keys: what the runner's wiring and configuration checks look at.
 * Creating anything from them is not part of these tests and fails loudly.
 */
public final class FakeFactories {
    private FakeFactories() {
    }

    public record Encoders(String name, ConfigSpec configSpec) implements EncoderFactory {
        @Override
        public String description() {
            return "test encoder " + name;
        }

        @Override
        public Encoder create(PluginConfig config, PluginContext context, ModelShape shape) {
            throw new UnsupportedOperationException("test fixture");
        }
    }

    public record Decoders(String name, ConfigSpec configSpec) implements DecoderFactory {
        @Override
        public String description() {
            return "test decoder " + name;
        }

        @Override
        public Decoder create(PluginConfig config, PluginContext context, ModelShape shape) {
            throw new UnsupportedOperationException("test fixture");
        }
    }

    public record Datasets(String name, ConfigSpec configSpec) implements DatasetFactory {
        @Override
        public String description() {
            return "test dataset " + name;
        }

        @Override
        public SpectralDataSource create(PluginConfig config, PluginContext context) {
            throw new UnsupportedOperationException("test fixture");
        }
    }

    public record Preprocessors(String name, ConfigSpec configSpec) implements PreprocessorFactory {
        @Override
        public String description() {
            return "test preprocessor " + name;
        }

        @Override
        public PreprocessingStep create(PluginConfig config, PluginContext context) {
            throw new UnsupportedOperationException("test fixture");
        }
    }
}
