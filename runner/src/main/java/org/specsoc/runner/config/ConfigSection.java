package org.specsoc.runner.config;

import java.util.Objects;
import org.specsoc.api.config.ConfigSpec;

/**
 * Keys owned by runner code rather than by a plugin ({@code output.}, {@code train.}, {@code eval.}, ...),
 * contributed through a Guice {@code Multibinder<ConfigSection>}:
 * <pre>{@code
 * Multibinder.newSetBinder(binder(), ConfigSection.class).addBinding()
 *         .toInstance(new ConfigSection("train.", ConfigSpec.builder()
 *                 .integer("epochs", 100, 1, 100_000, "training epochs").build()));
 * }</pre>
 * Several sections may share a prefix (their keys are merged); a key declared twice is a wiring error. The
 * plugin prefixes ({@code encoder.}, {@code decoder.}, {@code dataset.}, {@code preprocess.}, {@code compute.})
 * and {@code experiment.} belong to plugins and experiment types, not to sections.
 *
 * @param prefix full-key prefix ending with a dot, such as {@code "output."}
 * @param spec   the keys under it, relative to the prefix
 */
public record ConfigSection(String prefix, ConfigSpec spec) {

    public ConfigSection {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(spec, "spec");
        if (!prefix.matches("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*\\.")) {
            throw new IllegalArgumentException("section prefix '" + prefix
                    + "' must be lower-case dotted words ending with a dot, such as 'train.'");
        }
    }
}
