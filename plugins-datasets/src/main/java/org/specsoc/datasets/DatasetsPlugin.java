package org.specsoc.datasets;

import com.google.auto.service.AutoService;
import java.util.List;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.api.plugin.SpectralLibraryReader;
import org.specsoc.api.plugin.SpectralPlugin;
import org.specsoc.datasets.synthetic.SyntheticDatasetFactory;

/** The data sets, readers, spectral libraries and preprocessing steps of this module. */
@AutoService(SpectralPlugin.class)
public final class DatasetsPlugin implements SpectralPlugin {

    @Override
    public List<DatasetFactory> datasetFactories() {
        return List.of(new SyntheticDatasetFactory(), new org.specsoc.datasets.csv.SpectraCsvDatasetFactory(),
                new org.specsoc.datasets.raca.RacaDatasetFactory(), new org.specsoc.datasets.lucas.LucasDatasetFactory());
    }

    @Override
    public List<PreprocessorFactory> preprocessorFactories() {
        return org.specsoc.datasets.preprocess.PreprocessorFactories.all();
    }

    @Override
    public List<SpectralLibraryReader> spectralLibraryReaders() {
        return List.of(new org.specsoc.datasets.library.EnviLibraryReader(),
                new org.specsoc.datasets.library.Splib07AsciiReader(), new org.specsoc.datasets.library.CsvLibraryReader());
    }
}
