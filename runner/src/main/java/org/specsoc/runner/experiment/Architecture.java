package org.specsoc.runner.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.specsoc.api.config.ConfigurationException;

/**
 * The model families a sweep compares ({@code experiment.architectures}). Each selects {@code decoder.type} for
 * its runs; {@code plsr} also replaces the encoder ({@code encoder.type=plsr}) and has no decoder.
 */
public enum Architecture {
    NONE("none", "No decoder", "none", null),
    ANN("ann", "ANN decoder", "ann", null),
    LINEAR_MIXING("linear-mixing", "Physics-informed", "linear-mixing", null),
    PLSR("plsr", "PLSR", "none", "plsr");

    private final String configName;
    private final String label;
    private final String decoderType;
    private final String encoderType;

    Architecture(String configName, String label, String decoderType, String encoderType) {
        this.configName = configName;
        this.label = label;
        this.decoderType = decoderType;
        this.encoderType = encoderType;
    }

    /** The name used in configuration files, run keys and file names. */
    public String configName() {
        return configName;
    }

    /** The row label in the paper's tables. */
    public String label() {
        return label;
    }

    /** The {@code decoder.type} a run of this architecture uses. */
    public String decoderType() {
        return decoderType;
    }

    /** The {@code encoder.type} that replaces the configured one, if any. */
    public Optional<String> encoderType() {
        return Optional.ofNullable(encoderType);
    }

    /** Whether the model reconstructs spectra (so MRMSE exists). */
    public boolean hasDecoder() {
        return this == ANN || this == LINEAR_MIXING;
    }

    public static Architecture parse(String text, String key) {
        for (Architecture a : values()) {
            if (a.configName.equals(text.trim())) {
                return a;
            }
        }
        throw new ConfigurationException("key '" + key + "': '" + text + "' is not an architecture; one of "
                + String.join(", ", Arrays.stream(values()).map(Architecture::configName).toList()));
    }

    /** Parses a list, refusing duplicates and an empty list. */
    public static List<Architecture> parseAll(List<String> texts, String key) {
        var out = new ArrayList<Architecture>();
        for (String t : texts) {
            Architecture a = parse(t, key);
            if (out.contains(a)) {
                throw new ConfigurationException("key '" + key + "': architecture '" + t + "' is listed twice");
            }
            out.add(a);
        }
        if (out.isEmpty()) {
            throw new ConfigurationException("key '" + key + "': at least one architecture is needed");
        }
        return List.copyOf(out);
    }
}
