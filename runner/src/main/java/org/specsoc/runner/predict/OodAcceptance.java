package org.specsoc.runner.predict;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.specsoc.api.compute.AdamSettings;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.model.ModelShape;
import org.specsoc.api.plugin.RandomStreams;
import org.specsoc.decoders.AnnDecoder;
import org.specsoc.datasets.synthetic.SyntheticGenerator;
import org.specsoc.datasets.synthetic.SyntheticSettings;
import org.specsoc.encoders.MlpEncoder;
import org.specsoc.runner.model.ModelPredictors;
import org.specsoc.runner.model.StoredPreprocessing;
import org.specsoc.runner.model.TrainedModel;
import org.specsoc.runner.training.Freeze;
import org.specsoc.runner.training.JointModel;
import org.specsoc.runner.training.Trainer;
import org.specsoc.runner.training.TrainingSettings;

/**
 * The acceptance measurement of the prediction trust outputs (issue 7, "Done when"): synthetic data with planted
 * out-of-distribution regions; a small MLP encoder + ANN decoder trained on the in-distribution regions only;
 * its interval and OOD threshold calibrated on held-out in-distribution spectra; then the OOD flag rate on the
 * planted regions against the rate on other held-out in-distribution spectra, and the interval's coverage there.
 *
 * <p>In-distribution spectra are split at random 60 / 20 / 20 into training, calibration and test; every spectrum
 * of a planted region is an OOD test spectrum. Everything is drawn from {@link Settings#seed}.
 */
public final class OodAcceptance {

    /**
     * @param seed      master seed of data, split and training
     * @param scale     fraction of the RaCA region sizes the generator makes
     * @param gridStep  wavelength spacing, nm, over 400..2400 nm (coarse keeps the test fast)
     * @param hidden    width of encoder and decoder
     * @param blocks    hidden blocks of encoder and decoder
     * @param latent    latent size K
     * @param epochs    training epochs
     * @param batch     batch size
     * @param lr        Adam learning rate (the authors' 5e-5 needs thousands of epochs; a short run needs more)
     * @param level     interval level
     */
    public record Settings(long seed, double scale, double gridStep, int hidden, int blocks, int latent, int epochs,
                           int batch, float lr, double level) {

        /** A run that takes a few seconds on two cores. */
        public static Settings small(long seed) {
            return new Settings(seed, 0.08, 20, 48, 2, 12, 60, 64, 2e-3f, 0.9);
        }
    }

    /**
     * @param model       the trained network
     * @param calibration its calibration on the held-out in-distribution spectra
     * @param report      flag rates and coverage on the in-distribution test spectra and the OOD spectra
     * @param test        the in-distribution test spectra
     * @param ood         the spectra of the planted regions
     */
    public record Outcome(TrainedModel model, Calibration calibration, OodReport report, int trainSpectra,
                          SpectralDataset test, SpectralDataset ood) {

        public OodReport.Group inDistribution() {
            return group(OodReport.IN_DISTRIBUTION);
        }

        public OodReport.Group outOfDistribution() {
            return group(OodReport.OUT_OF_DISTRIBUTION);
        }

        private OodReport.Group group(String name) {
            return report.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
        }
    }

    private OodAcceptance() {
    }

    public static Outcome run(Settings s, ComputeBackend backend) throws IOException {
        var random = new RandomStreams(s.seed());
        SyntheticSettings data = SyntheticSettings.defaults(random.seedFor("data")).withScale(s.scale())
                .withGrid(400, 2400, s.gridStep());
        SpectralDataset all = new SyntheticGenerator(data).generate().dataset();
        Set<String> planted = new HashSet<>();
        data.oodRegions().forEach(r -> planted.add(Integer.toString(r)));
        String[] region = all.group(SpectralDataset.REGION);
        var familiar = new ArrayList<Integer>();
        var unfamiliar = new ArrayList<Integer>();
        for (int i = 0; i < all.rows(); i++) {
            (planted.contains(region[i]) ? unfamiliar : familiar).add(i);
        }
        int[] order = familiar.stream().mapToInt(Integer::intValue).toArray();
        shuffle(order, random.stream("split"));
        int nTrain = (int) Math.round(0.6 * order.length);
        int nCal = (int) Math.round(0.2 * order.length);
        SpectralDataset train = all.subset(java.util.Arrays.copyOfRange(order, 0, nTrain));
        SpectralDataset calibration = all.subset(java.util.Arrays.copyOfRange(order, nTrain, nTrain + nCal));
        SpectralDataset test = all.subset(java.util.Arrays.copyOfRange(order, nTrain + nCal, order.length));
        SpectralDataset ood = all.subset(unfamiliar.stream().mapToInt(Integer::intValue).toArray());

        ModelShape shape = new ModelShape(all.wavelengths(), s.latent());
        var network = new JointModel(backend, new MlpEncoder(shape, s.hidden(), s.blocks()),
                new AnnDecoder(shape, s.hidden(), s.blocks()));
        AdamSettings adam = AdamSettings.authors();
        var settings = new TrainingSettings(s.epochs(), s.batch(), new AdamSettings(s.lr(), 0.9f, adam.beta2(),
                adam.epsilon()), 0.0041, 0.01, Math.max(1, s.epochs()), BatchNormMode.INFERENCE, Freeze.NONE, 0);
        new Trainer(network, settings, random.child("train"), List.of()).train(train, calibration, "acceptance");

        TrainedModel model = TrainedModel.Network.of(network);
        SpectraPredictor predictor = ModelPredictors.of(model, StoredPreprocessing.restore(List.of(),
                java.util.Map.of()), true);
        Calibration c = HeldOutCalibration.fit(predictor, calibration, s.level(), OodThreshold.DEFAULT_QUANTILE);
        var prediction = new PredictionModel("acceptance", predictor, c);

        var groups = new ArrayList<String>();
        var flags = new ArrayList<Boolean>();
        var truth = new ArrayList<Double>();
        var lower = new ArrayList<Double>();
        var upper = new ArrayList<Double>();
        for (SpectralDataset set : List.of(test, ood)) {
            String name = set == test ? OodReport.IN_DISTRIBUTION : OodReport.OUT_OF_DISTRIBUTION;
            new TablePredictor(prediction).run(SpectraBatches.of(set), null, r -> {
                for (int i = 0; i < r.ids().length; i++) {
                    groups.add(name);
                    flags.add(r.ood()[i]);
                    truth.add((double) r.truth()[i]);
                    lower.add(r.lower()[i]);
                    upper.add(r.upper()[i]);
                }
            });
        }
        boolean[] flagged = new boolean[flags.size()];
        for (int i = 0; i < flagged.length; i++) {
            flagged[i] = flags.get(i);
        }
        OodReport report = OodReport.of(groups.toArray(String[]::new), flagged,
                truth.stream().mapToDouble(Double::doubleValue).toArray(),
                lower.stream().mapToDouble(Double::doubleValue).toArray(),
                upper.stream().mapToDouble(Double::doubleValue).toArray());
        return new Outcome(model, c, report, train.rows(), test, ood);
    }

    private static void shuffle(int[] a, java.util.SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
