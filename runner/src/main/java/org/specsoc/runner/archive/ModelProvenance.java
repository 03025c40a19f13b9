package org.specsoc.runner.archive;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a model came from, stored as {@code provenance.json} (after Tribuo's {@code ModelProvenance}): enough to
 * re-run the training and to tell two models' origins apart: which code, which data (by content hash, not by
 * name), which seeds, which compute backend and device actually ran, on which Java and OS, and when.
 *
 * @param specsocVersion the runner's version (jar manifest), {@code development} outside a jar
 * @param plugins        the plugins that made the model, in the order they ran
 * @param datasets       the data files read, with their content hashes and row counts
 * @param seeds          named seeds ({@code master}, and any derived streams worth recording)
 * @param compute        the compute backend and device actually used
 * @param javaVersion    {@code java.version}
 * @param javaVendor     {@code java.vendor}
 * @param osName         {@code os.name}
 * @param osArch         {@code os.arch}
 * @param startedAt      when training started
 * @param finishedAt     when training ended (the archive was assembled)
 */
@JsonPropertyOrder({"specsocVersion", "plugins", "datasets", "seeds", "compute", "javaVersion", "javaVendor",
        "osName", "osArch", "startedAt", "finishedAt"})
public record ModelProvenance(String specsocVersion, List<PluginVersion> plugins, List<DatasetFile> datasets,
                              Map<String, Long> seeds, Compute compute, String javaVersion, String javaVendor,
                              String osName, String osArch, Instant startedAt, Instant finishedAt) {

    public ModelProvenance {
        Objects.requireNonNull(specsocVersion, "specsocVersion");
        plugins = List.copyOf(plugins);
        datasets = List.copyOf(datasets);
        seeds = Collections.unmodifiableMap(new LinkedHashMap<>(seeds));
        Objects.requireNonNull(compute, "compute");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(javaVendor, "javaVendor");
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(osArch, "osArch");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (finishedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("provenance finishes (" + finishedAt + ") before it starts ("
                    + startedAt + ")");
        }
    }

    /**
     * A plugin that took part.
     *
     * @param kind    {@code encoder}, {@code decoder}, {@code dataset}, {@code preprocess}, {@code compute}, ...
     * @param name    its configured name, such as {@code mlp}
     * @param version its jar's {@code Implementation-Version}, {@code development} when it has none
     */
    public record PluginVersion(String kind, String name, String version) {
        public PluginVersion {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
        }

        /** The version from the manifest of the jar {@code implementation} was loaded from. */
        public static PluginVersion of(String kind, String name, Class<?> implementation) {
            return new PluginVersion(kind, name, implementationVersion(implementation));
        }
    }

    /**
     * A data file read for training.
     *
     * @param role   what it was used for ({@code train}, {@code validation}, {@code endmembers}, ...)
     * @param file   the path as configured (not made absolute, so that provenance does not leak home folders)
     * @param sha256 hex SHA-256 of the file's bytes
     * @param rows   spectra (or rows) used from it
     */
    public record DatasetFile(String role, String file, String sha256, long rows) {
        public DatasetFile {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(file, "file");
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("dataset file " + file + ": '" + sha256
                        + "' is not a hex SHA-256");
            }
            if (rows < 0) {
                throw new IllegalArgumentException("dataset file " + file + ": negative row count " + rows);
            }
        }

        /** Hashes {@code file}; {@code configured} is how the configuration named it. */
        public static DatasetFile of(String role, Path file, String configured, long rows) throws IOException {
            return new DatasetFile(role, configured, ModelProvenance.sha256(file), rows);
        }
    }

    /**
     * The compute backend that actually ran (not the one requested: {@code auto} may fall back).
     *
     * @param backend its name, such as {@code java} or {@code opencl}
     * @param device  the device, in words (e.g. {@code "NVIDIA H200, OpenCL 3.0"}, {@code "16 CPU threads"})
     * @param details anything else worth keeping (driver, work-group size, kernels that fell back)
     */
    public record Compute(String backend, String device, Map<String, String> details) {
        public Compute {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(device, "device");
            details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Hex SHA-256 of a file's bytes, streamed. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String implementationVersion(Class<?> c) {
        String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "development" : v;
    }

    /**
     * Collects provenance while a run goes on; the Java and OS fields and the runner version are filled in from
     * this JVM, the start time defaults to when the builder was made and the end time to when {@link #build()}
     * is called.
     */
    public static final class Builder {
        private String specsocVersion = implementationVersion(ModelProvenance.class);
        private final List<PluginVersion> plugins = new ArrayList<>();
        private final List<DatasetFile> datasets = new ArrayList<>();
        private final Map<String, Long> seeds = new LinkedHashMap<>();
        private Compute compute;
        private Instant startedAt = Instant.now();
        private Instant finishedAt;

        private Builder() {
        }

        public Builder specsocVersion(String version) {
            this.specsocVersion = version;
            return this;
        }

        public Builder plugin(String kind, String name, String version) {
            plugins.add(new PluginVersion(kind, name, version));
            return this;
        }

        public Builder plugin(String kind, String name, Class<?> implementation) {
            plugins.add(PluginVersion.of(kind, name, implementation));
            return this;
        }

        public Builder dataset(DatasetFile file) {
            datasets.add(file);
            return this;
        }

        public Builder seed(String stream, long seed) {
            seeds.put(stream, seed);
            return this;
        }

        public Builder compute(String backend, String device, Map<String, String> details) {
            this.compute = new Compute(backend, device, details);
            return this;
        }

        public Builder compute(String backend, String device) {
            return compute(backend, device, Map.of());
        }

        public Builder startedAt(Instant t) {
            this.startedAt = t;
            return this;
        }

        public Builder finishedAt(Instant t) {
            this.finishedAt = t;
            return this;
        }

        public ModelProvenance build() {
            if (compute == null) {
                throw new IllegalStateException("provenance needs the compute backend that was used");
            }
            return new ModelProvenance(specsocVersion, plugins, datasets, seeds, compute,
                    System.getProperty("java.version"), System.getProperty("java.vendor"),
                    System.getProperty("os.name"), System.getProperty("os.arch"), startedAt,
                    finishedAt == null ? Instant.now() : finishedAt);
        }
    }
}
