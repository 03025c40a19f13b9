package org.specsoc.datasets.raca;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.specsoc.api.split.GroupOrder;
import org.specsoc.datasets.csv.DataFormatException;

/**
 * The authors' split-index file ({@code ICLRDataset_SplitIndices_v2.h5}, reference-spec 1.3): flat integer
 * datasets {@code {r}_indices} (all labelled rows of region r), {@code {r}_bootstrap_{b}} (rows of 10 drawn
 * pedons) and {@code {r}_bootstrap5pedon_{b}} (5 pedons, a subset of the former). Row indices address the rows
 * of the authors' spectra matrix.
 */
public final class RacaSplitIndices {
    private static final Pattern KEY = Pattern.compile("^(\\d+)_(indices|bootstrap|bootstrap5pedon)(?:_(\\d+))?$");

    private final Path file;
    private final Map<String, long[]> datasets;

    private RacaSplitIndices(Path file, Map<String, long[]> datasets) {
        this.file = file;
        this.datasets = datasets;
    }

    public static RacaSplitIndices read(Path file) throws IOException {
        var map = new TreeMap<String, long[]>(GroupOrder.NATURAL);
        try (HdfFile hdf = new HdfFile(file)) {
            for (Node node : hdf.getChildren().values()) {
                if (!(node instanceof Dataset ds) || !KEY.matcher(node.getName()).matches()) {
                    continue;
                }
                map.put(node.getName(), toLongs(file, ds));
            }
        } catch (RuntimeException e) {
            throw new DataFormatException(file, "not a readable HDF5 split-index file: " + e.getMessage());
        }
        if (map.keySet().stream().noneMatch(k -> k.endsWith("_indices"))) {
            throw new DataFormatException(file, "no '{region}_indices' datasets; datasets are " + map.keySet());
        }
        return new RacaSplitIndices(file, Collections.unmodifiableMap(map));
    }

    static long[] toLongs(Path file, Dataset ds) throws DataFormatException {
        Object data = ds.getDataFlat();
        if (data instanceof long[] l) {
            return l;
        }
        if (data instanceof int[] i) {
            return Arrays.stream(i).asLongStream().toArray();
        }
        throw new DataFormatException(file, "dataset '" + ds.getPath() + "' holds " + ds.getJavaType()
                + ", expected integer row indices");
    }

    public Path file() {
        return file;
    }

    /** Regions that have an {@code _indices} dataset, in natural order. */
    public List<String> regions() {
        return datasets.keySet().stream().map(KEY::matcher).filter(Matcher::matches)
                .filter(m -> m.group(2).equals("indices")).map(m -> m.group(1)).sorted(GroupOrder.NATURAL).toList();
    }

    /** All labelled rows of {@code region}. */
    public long[] indices(String region) {
        return get(region + "_indices");
    }

    /** Rows of the 10-pedon draw {@code b} of {@code region}. */
    public long[] bootstrap(String region, int b) {
        return get(region + "_bootstrap_" + b);
    }

    /** Rows of the 5-pedon draw {@code b} of {@code region} (v2 only). */
    public long[] bootstrap5(String region, int b) {
        return get(region + "_bootstrap5pedon_" + b);
    }

    public boolean has(String key) {
        return datasets.containsKey(key);
    }

    public Map<String, long[]> all() {
        return datasets;
    }

    private long[] get(String key) {
        long[] v = datasets.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + " has no dataset '" + key + "'");
        }
        return v.clone();
    }
}
