package org.specsoc.runner.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.specsoc.api.config.ConfigKey;
import org.specsoc.api.config.ConfigSpec;
import org.specsoc.api.plugin.ComputeBackendFactory;
import org.specsoc.api.plugin.PluginFactory;
import org.specsoc.api.plugin.SpectralLibraryReader;
import org.specsoc.runner.wiring.ConfigurationResolver;
import org.specsoc.runner.wiring.InstalledPlugins;
import org.specsoc.runner.wiring.PluginKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code specsoc plugins}: everything installed, by kind, with every key, its type, default and range. */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        description = "Lists every experiment type, plugin and configuration section with its keys, defaults,"
                + " allowed ranges and descriptions.")
final class PluginsCommand implements Callable<Integer> {

    @ParentCommand
    private SpecsocCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--markdown", description = "Print Markdown tables (for the README's configuration reference).")
    private boolean markdown;

    @Override
    public Integer call() {
        InstalledPlugins installed = cli.injector().getInstance(InstalledPlugins.class);
        PrintWriter out = spec.commandLine().getOut();
        Listing listing = markdown ? new MarkdownListing(out) : new TextListing(out);

        listing.heading("Selector keys", "pick what runs; every other key belongs to what they pick");
        listing.selectors(Map.of(
                ConfigurationResolver.EXPERIMENT_TYPE, names(installed.experimentTypes()),
                PluginKind.ENCODER.selectorKey(), names(installed.factories(PluginKind.ENCODER)),
                PluginKind.DECODER.selectorKey(), names(installed.factories(PluginKind.DECODER)),
                PluginKind.DATASET.selectorKey(), names(installed.factories(PluginKind.DATASET)),
                PluginKind.PREPROCESSOR.selectorKey(), "steps in order, comma separated (default: no steps): "
                        + names(installed.factories(PluginKind.PREPROCESSOR)),
                PluginKind.COMPUTE_BACKEND.selectorKey(), "auto (default)"
                        + (installed.factories(PluginKind.COMPUTE_BACKEND).isEmpty() ? "; no backends installed"
                                : ", " + names(installed.factories(PluginKind.COMPUTE_BACKEND)))));

        listing.heading("Experiment types", "experiment.type; keys under experiment.");
        installed.experimentTypes().values().forEach(t -> listing.plugin(t, "experiment.", ""));
        listing.noneIf(installed.experimentTypes().isEmpty());

        for (PluginKind kind : PluginKind.values()) {
            String keys = kind == PluginKind.PREPROCESSOR ? "keys under preprocess.<name>." : "keys under "
                    + kind.prefix();
            listing.heading(capitalised(kind.plural()), kind.selectorKey() + "; " + keys);
            installed.factories(kind).values().forEach(f -> listing.plugin(f, kind.keyPrefix(f.name()),
                    f instanceof ComputeBackendFactory c ? (c.gpu() ? "GPU" : "CPU") + ", priority " + c.priority()
                            : ""));
            listing.noneIf(installed.factories(kind).isEmpty());
        }

        listing.heading("Configuration sections", "keys owned by the runner");
        installed.sections().forEach(listing::section);

        listing.heading("Spectral library readers", "formats a library file may have");
        installed.libraryReaders().forEach(listing::reader);
        listing.noneIf(installed.libraryReaders().isEmpty());
        out.flush();
        return SpecsocCli.OK;
    }

    private static String names(Map<String, ? extends PluginFactory> byName) {
        return byName.isEmpty() ? "(none installed)" : String.join(", ", byName.keySet());
    }

    private static String capitalised(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    static String type(ConfigKey key) {
        return key.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String defaultText(ConfigKey key) {
        if (key.defaultValue() != null) {
            return key.defaultValue().isEmpty() ? "(empty)" : key.defaultValue();
        }
        return key.required() ? "(required)" : "(optional)";
    }

    /** The two ways of printing the listing share one walk over what is installed. */
    private interface Listing {
        void heading(String title, String subtitle);

        void selectors(Map<String, String> keyToValues);

        void plugin(PluginFactory factory, String prefix, String note);

        void section(String prefix, ConfigSpec spec);

        void reader(SpectralLibraryReader reader);

        void noneIf(boolean empty);
    }

    private static final class TextListing implements Listing {
        private final PrintWriter out;

        TextListing(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void heading(String title, String subtitle) {
            out.println();
            out.println(title + " (" + subtitle + ")");
        }

        @Override
        public void selectors(Map<String, String> keyToValues) {
            var table = TextTable.withoutHeader(2);
            ConfigurationResolver.selectorKeys().forEach(k -> table.row(k, keyToValues.get(k)));
            table.render("  ").forEach(out::println);
        }

        @Override
        public void plugin(PluginFactory factory, String prefix, String note) {
            out.println("  " + factory.name() + (note.isEmpty() ? "" : " [" + note + "]") + ": "
                    + factory.description());
            keys(prefix, factory.configSpec());
        }

        @Override
        public void section(String prefix, ConfigSpec spec) {
            out.println("  " + prefix);
            keys(prefix, spec);
        }

        private void keys(String prefix, ConfigSpec spec) {
            if (spec.keys().isEmpty()) {
                out.println("      (no keys)");
                return;
            }
            var table = new TextTable("key", "type", "default", "allowed", "description");
            spec.keys().forEach(k -> table.row(prefix + k.name(), type(k), defaultText(k), k.constraintText(),
                    k.description()));
            table.render("      ").forEach(out::println);
        }

        @Override
        public void reader(SpectralLibraryReader reader) {
            out.println("  " + reader.format());
        }

        @Override
        public void noneIf(boolean empty) {
            if (empty) {
                out.println("  (none installed)");
            }
        }
    }

    private static final class MarkdownListing implements Listing {
        private final PrintWriter out;

        MarkdownListing(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void heading(String title, String subtitle) {
            out.println();
            out.println("### " + title);
            out.println();
            out.println(escape(subtitle));
        }

        @Override
        public void selectors(Map<String, String> keyToValues) {
            out.println();
            out.println("| Key | Values |");
            out.println("|---|---|");
            ConfigurationResolver.selectorKeys().forEach(k -> out.println("| `" + k + "` | "
                    + escape(keyToValues.get(k)) + " |"));
        }

        @Override
        public void plugin(PluginFactory factory, String prefix, String note) {
            out.println();
            out.println("#### `" + factory.name() + "`" + (note.isEmpty() ? "" : " (" + note + ")"));
            out.println();
            out.println(escape(factory.description()));
            keys(prefix, factory.configSpec());
        }

        @Override
        public void section(String prefix, ConfigSpec spec) {
            out.println();
            out.println("#### `" + prefix + "`");
            keys(prefix, spec);
        }

        private void keys(String prefix, ConfigSpec spec) {
            if (spec.keys().isEmpty()) {
                return;
            }
            out.println();
            out.println("| Key | Type | Default | Allowed | Description |");
            out.println("|---|---|---|---|---|");
            for (ConfigKey k : spec.keys()) {
                out.println("| `" + prefix + k.name() + "` | " + type(k) + " | " + escape(defaultText(k)) + " | "
                        + escape(k.constraintText()) + " | " + escape(k.description()) + " |");
            }
        }

        @Override
        public void reader(SpectralLibraryReader reader) {
            out.println("- `" + reader.format() + "`");
        }

        @Override
        public void noneIf(boolean empty) {
            if (empty) {
                out.println();
                out.println("(none installed)");
            }
        }

        private static String escape(String s) {
            return s == null ? "" : s.replace("|", "\\|");
        }
    }
}
