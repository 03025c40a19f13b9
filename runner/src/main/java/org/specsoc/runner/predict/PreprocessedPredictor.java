package org.specsoc.runner.predict;

import java.util.Arrays;
import java.util.Map;
import org.specsoc.api.data.DatasetProvenance;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.runner.model.StoredPreprocessing;

/**
 * A model trained on preprocessed spectra: takes raw spectra on the training data's grid, applies the stored
 * preprocessing (fitted at training time, never refitted), and hands the result to the network. Its
 * reconstruction lives in the preprocessed space, so image prediction measures its error on the model grid.
 */
public final class PreprocessedPredictor implements SpectraPredictor {
    private static final DatasetProvenance SOURCE = DatasetProvenance.of("spectra to predict");

    private final SpectraPredictor network;
    private final StoredPreprocessing preprocessing;
    private final double[] dataGrid;

    public PreprocessedPredictor(SpectraPredictor network, StoredPreprocessing preprocessing, double[] dataGrid) {
        this.network = network;
        this.preprocessing = preprocessing;
        this.dataGrid = dataGrid.clone();
    }

    @Override
    public double[] wavelengths() {
        return dataGrid.clone();
    }

    @Override
    public boolean reconstructs() {
        return network.reconstructs();
    }

    @Override
    public int preferredBatchRows() {
        return network.preferredBatchRows();
    }

    @Override
    public void predict(float[] spectra, int rows, float[] soc, float[] mrmse, float[] reconstruction) {
        int m = dataGrid.length;
        float[] labels = new float[rows];
        Arrays.fill(labels, Float.NaN);
        String[] ids = new String[rows];
        Arrays.fill(ids, "");
        var raw = new SpectralDataset(Arrays.copyOf(spectra, rows * m), dataGrid, labels, ids, Map.of(), SOURCE);
        SpectralDataset ready = preprocessing.apply(raw);
        double[] expected = network.wavelengths();
        if (!Arrays.equals(ready.wavelengths(), expected)) {
            throw new IllegalStateException("the stored preprocessing gives " + ready.bands() + " bands but the "
                    + "network takes " + expected.length);
        }
        network.predict(ready.spectra(), rows, soc, mrmse, null);
    }
}
