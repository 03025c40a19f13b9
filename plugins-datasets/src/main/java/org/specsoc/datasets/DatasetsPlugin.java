package org.specsoc.datasets;

import com.google.auto.service.AutoService;
import java.util.List;
import org.specsoc.api.plugin.DatasetFactory;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.api.plugin.SpectralLibraryReader;
import org.specsoc.api.plugin.SpectralPlugin;
import org.specsoc.datasets.collection.CollectionDatasetFactory;
import org.specsoc.datasets.csv.SpectraCsvDatasetFactory;
import org.specsoc.datasets.library.CsvLibraryReader;
import org.specsoc.datasets.library.EnviLibraryReader;
import org.specsoc.datasets.library.Splib07AsciiReader;
import org.specsoc.datasets.lucas.LucasDatasetFactory;
import org.specsoc.datasets.preprocess.PreprocessorFactories;
import org.specsoc.datasets.raca.RacaDatasetFactory;
import org.specsoc.datasets.synthetic.SyntheticDatasetFactory;

/** The data sets, readers, spectral libraries and preprocessing steps of this module. */
@AutoService(SpectralPlugin.class)
public final class DatasetsPlugin implements SpectralPlugin {

    @Override
    public List<DatasetFactory> datasetFactories() {
        return List.of(new SyntheticDatasetFactory(), new SpectraCsvDatasetFactory(), new RacaDatasetFactory(),
                new LucasDatasetFactory(), new CollectionDatasetFactory());
    }

    @Override
    public List<PreprocessorFactory> preprocessorFactories() {
        return PreprocessorFactories.all();
    }

    @Override
    public List<SpectralLibraryReader> spectralLibraryReaders() {
        return List.of(new EnviLibraryReader(), new Splib07AsciiReader(), new CsvLibraryReader());
    }
}
