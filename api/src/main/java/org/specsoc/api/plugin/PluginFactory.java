package org.specsoc.api.plugin;

import org.specsoc.api.config.ConfigSpec;

/** What every named factory shares: its name (the value of a {@code *.type} key) and its declared keys. */
public interface PluginFactory {

    /** The name users write in the configuration, e.g. {@code linear-mixing}. Lower case, dash separated. */
    String name();

    /** One line for {@code specsoc plugins}. */
    String description();

    /** The keys this plugin reads, relative to its kind's prefix ({@code encoder.}, {@code decoder.}, ...). */
    ConfigSpec configSpec();
}
