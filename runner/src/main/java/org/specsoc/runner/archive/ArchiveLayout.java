package org.specsoc.runner.archive;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.SortedMap;

/** Names and versions of the archive format; the layout itself is described in {@code package-info}. */
public final class ArchiveLayout {
    public static final String FORMAT_NAME = "specsoc-model";
    /** The newest version this code writes and reads. Raise it when a reader of the old layout would misread. */
    public static final int FORMAT_VERSION = 1;

    public static final String FORMAT = "format.json";
    public static final String CONFIG = "config.properties";
    public static final String PROVENANCE = "provenance.json";
    public static final String WAVELENGTHS = "wavelengths.json";
    public static final String ENDMEMBERS = "endmembers.json";
    public static final String TENSORS = "tensors.json";
    public static final String MANIFEST = "manifest.json";
    public static final String TENSOR_FOLDER = "tensors/";
    public static final String EXTRA_FOLDER = "extras/";
    /** numpy's name for little-endian float32, the only element type stored. */
    public static final String DTYPE = "<f4";

    private ArchiveLayout() {
    }

    static String tensorEntry(String tensorName) {
        return TENSOR_FOLDER + tensorName + ".bin";
    }

    static String extraEntry(String extraName) {
        return EXTRA_FOLDER + extraName + ".json";
    }

    /** {@code format.json}: identifies the file before anything else is trusted. */
    @JsonPropertyOrder({"format", "version", "writtenBy"})
    record FormatHeader(String format, int version, String writtenBy) {
    }

    /** {@code tensors.json}: where each tensor's bytes are and how to read them. */
    @JsonPropertyOrder({"dtype", "byteOrder", "order", "tensors"})
    record TensorIndex(String dtype, String byteOrder, String order, List<TensorEntry> tensors) {
    }

    @JsonPropertyOrder({"name", "entry", "shape", "dtype"})
    record TensorEntry(String name, String entry, int[] shape, String dtype) {
    }

    /** {@code manifest.json}, the last entry: the SHA-256 of every other entry. */
    @JsonPropertyOrder({"algorithm", "entries"})
    record Manifest(String algorithm, SortedMap<String, String> entries) {
    }
}
