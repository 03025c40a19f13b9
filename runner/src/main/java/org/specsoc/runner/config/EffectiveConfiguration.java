package org.specsoc.runner.config;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.convert.DisabledListDelimiterHandler;
import org.specsoc.api.io.AtomicFileWriter;

/**
 * Every key a run uses with the value it uses, defaults included, sorted by key: logged at the start of a run
 * and written next to its results as {@value #FILE_NAME}, which {@code specsoc run} accepts again.
 *
 * @param values full key to text value; surrounding white space is dropped, as every reader of the value does
 * @param notes  comment lines written at the top of the file (such as what {@code compute.backend=auto} chose)
 */
public record EffectiveConfiguration(SortedMap<String, String> values, List<String> notes) {

    public static final String FILE_NAME = "effective-config.properties";

    public EffectiveConfiguration {
        var stripped = new TreeMap<String, String>();
        values.forEach((k, v) -> stripped.put(k, v.strip()));
        values = Collections.unmodifiableSortedMap(stripped);
        notes = List.copyOf(notes);
    }

    public EffectiveConfiguration(Map<String, String> values) {
        this(new TreeMap<>(values), List.of());
    }

    public EffectiveConfiguration withNotes(List<String> moreNotes) {
        var all = new java.util.ArrayList<>(notes);
        all.addAll(moreNotes);
        return new EffectiveConfiguration(values, all);
    }

    /** One {@code key = value} line per key, for the log. */
    public String render() {
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(0);
        var sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(System.lineSeparator()).append("  ")
                .append(String.format("%-" + width + "s", k)).append(" = ").append(v));
        return sb.toString();
    }

    /** The properties text, escaped by Commons Configuration's own writer so that it reads back unchanged. */
    public String toPropertiesText() {
        var out = new StringWriter();
        try (var writer = new PropertiesConfiguration.PropertiesWriter(out, DisabledListDelimiterHandler.INSTANCE)) {
            writer.writeComment("Effective configuration of a specsoc run: every key with the value used, defaults"
                    + " included.");
            for (String note : notes) {
                writer.writeComment(note);
            }
            writer.setGlobalSeparator("=");
            for (var e : values.entrySet()) {
                writer.writeProperty(e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes {@value #FILE_NAME} into {@code directory} atomically and returns its path. */
    public Path writeTo(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        AtomicFileWriter.write(file, toPropertiesText());
        return file;
    }
}
