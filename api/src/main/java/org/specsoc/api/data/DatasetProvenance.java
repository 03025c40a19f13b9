package org.specsoc.api.data;

import java.util.List;
import java.util.Map;

/**
 * Where a data set came from, for provenance records: the plugin, each file read with its SHA-256, and any
 * facts worth keeping (generator seed, rows dropped by cleaning rules, ...).
 */
public record DatasetProvenance(String source, List<FileDigest> files, Map<String, String> facts) {

    public DatasetProvenance {
        files = List.copyOf(files);
        facts = Map.copyOf(facts);
    }

    public static DatasetProvenance of(String source) {
        return new DatasetProvenance(source, List.of(), Map.of());
    }

    /** A file that was read, its SHA-256 (hex) and how many data rows it gave. */
    public record FileDigest(String path, String sha256, long rows) {
    }
}
