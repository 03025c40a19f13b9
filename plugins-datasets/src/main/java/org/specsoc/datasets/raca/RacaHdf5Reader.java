package org.specsoc.datasets.raca;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.datasets.csv.DataFormatException;
import org.specsoc.datasets.csv.FileDigests;

/**
 * The authors' HDF5 layout (reference-spec 1.3): dataset {@code data}, one row per row index, reflectance in the
 * first columns (365..2500 nm at 1 nm for 2,136 columns) and SOC (mass fraction) in column {@code socColumn}
 * (the last, -1, in v2; -5 in v3). Only rows listed in the split file's {@code {r}_indices} are taken (v3 keeps
 * zero rows for removed indices), each with its region; the id of a spectrum is its row index.
 */
public final class RacaHdf5Reader {
    private final int socColumn;
    private final int spectralColumns;
    private final double firstWavelength;

    /** v2: 2,136 reflectance columns from 365 nm, SOC in the last column. */
    public RacaHdf5Reader() {
        this(-1, 2136, 365);
    }

    public RacaHdf5Reader(int socColumn, int spectralColumns, double firstWavelength) {
        this.socColumn = socColumn;
        this.spectralColumns = spectralColumns;
        this.firstWavelength = firstWavelength;
    }

    public SpectralDataset read(Path dataFile, RacaSplitIndices splits) throws IOException {
        float[][] matrix = matrix(dataFile);
        int width = matrix.length == 0 ? 0 : matrix[0].length;
        int soc = socColumn < 0 ? width + socColumn : socColumn;
        if (width < spectralColumns + 1 || soc < spectralColumns || soc >= width) {
            throw new DataFormatException(dataFile, "dataset 'data' has " + width + " columns; expected "
                    + spectralColumns + " reflectance columns and SOC in column " + socColumn);
        }
        var rows = new ArrayList<long[]>();
        for (String region : splits.regions()) {
            for (long r : splits.indices(region)) {
                if (r < 0 || r >= matrix.length) {
                    throw new DataFormatException(splits.file(), "'" + region + "_indices' lists row " + r + " but "
                            + dataFile + " has " + matrix.length + " rows");
                }
                rows.add(new long[] {r, Long.parseLong(region)});
            }
        }
        rows.sort((a, b) -> Long.compare(a[0], b[0]));
        int n = rows.size();
        float[] spectra = new float[n * spectralColumns];
        float[] labels = new float[n];
        String[] ids = new String[n];
        String[] region = new String[n];
        for (int i = 0; i < n; i++) {
            float[] row = matrix[(int) rows.get(i)[0]];
            System.arraycopy(row, 0, spectra, i * spectralColumns, spectralColumns);
            labels[i] = row[soc];
            ids[i] = Long.toString(rows.get(i)[0]);
            region[i] = Long.toString(rows.get(i)[1]);
        }
        double[] wl = new double[spectralColumns];
        for (int b = 0; b < spectralColumns; b++) {
            wl[b] = firstWavelength + b;
        }
        Map<String, String[]> groups = new LinkedHashMap<>();
        groups.put(SpectralDataset.REGION, region);
        var provenance = new DatasetProvenance("raca-hdf5", List.of(FileDigests.of(dataFile, n),
                FileDigests.of(splits.file(), n)), Map.of("rows", Integer.toString(n)));
        var d = new SpectralDataset(spectra, wl, labels, ids, groups, provenance);
        d.requireUniqueIds();
        return d;
    }

    private static float[][] matrix(Path file) throws IOException {
        try (HdfFile hdf = new HdfFile(file)) {
            Node node = hdf.getChildren().get("data");
            if (!(node instanceof Dataset ds)) {
                throw new DataFormatException(file, "no dataset 'data'; the file holds " + hdf.getChildren().keySet());
            }
            int[] dims = ds.getDimensions();
            if (dims.length != 2) {
                throw new DataFormatException(file, "dataset 'data' has " + dims.length + " dimensions, expected 2");
            }
            Object data = ds.getData();
            if (data instanceof float[][] f) {
                return f;
            }
            if (data instanceof double[][] d) {
                float[][] out = new float[d.length][];
                for (int i = 0; i < d.length; i++) {
                    out[i] = new float[d[i].length];
                    for (int j = 0; j < d[i].length; j++) {
                        out[i][j] = (float) d[i][j];
                    }
                }
                return out;
            }
            throw new DataFormatException(file, "dataset 'data' holds " + ds.getJavaType() + ", expected floats");
        } catch (RuntimeException e) {
            throw new DataFormatException(file, "not a readable HDF5 file: " + e.getMessage());
        }
    }
}
