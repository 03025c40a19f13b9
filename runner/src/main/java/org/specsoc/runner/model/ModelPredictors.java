package org.specsoc.runner.model;

import java.util.Map;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.plugin.PreprocessorFactory;
import org.specsoc.runner.predict.Calibration;
import org.specsoc.runner.predict.FittedEncoderPredictor;
import org.specsoc.runner.predict.PredictionModel;
import org.specsoc.runner.predict.PreprocessedPredictor;
import org.specsoc.runner.predict.SpectraPredictor;
import org.specsoc.runner.training.JointModelPredictor;

/**
 * The {@link SpectraPredictor} of a trained model: the one used to calibrate it at training time and the one
 * {@code specsoc predict} uses, so that both measure reconstruction error the same way. Networks predict with
 * BatchNorm running statistics (a pixel's answer must not depend on the other pixels of its batch).
 */
public final class ModelPredictors {

    private ModelPredictors() {
    }

    /**
     * @param outlierFlag for a fitted encoder: report {@code sqrt(Q / bands)} as MRMSE (see
     *                    {@link FittedEncoderPredictor}); ignored for networks, whose decoder decides
     */
    public static SpectraPredictor of(TrainedModel model, StoredPreprocessing preprocessing, boolean outlierFlag) {
        SpectraPredictor core;
        if (model instanceof TrainedModel.Network n) {
            core = new JointModelPredictor(n.model(), BatchNormMode.INFERENCE);
        } else {
            var f = (TrainedModel.Fitted) model;
            core = new FittedEncoderPredictor(f.encoder(), outlierFlag);
        }
        return preprocessing.isEmpty() ? core : new PreprocessedPredictor(core, preprocessing, model.dataGrid());
    }

    /** Whether a model can have an OOD flag: a reconstructing decoder, or a fitted encoder's Q residual. */
    public static boolean canFlag(TrainedModel model) {
        if (model instanceof TrainedModel.Network n) {
            return n.model().trainableDecoder() != null;
        }
        return ((TrainedModel.Fitted) model).encoder().hasOutlierStatistics();
    }

    /** What {@code specsoc predict} runs: the loaded model with its stored calibration. */
    public static PredictionModel prediction(String name, ModelCodec.Loaded loaded,
                                             Map<String, ? extends PreprocessorFactory> preprocessors) {
        Calibration calibration = loaded.calibration().orElseThrow(() -> new IllegalArgumentException(name
                + " has no calibration (held-out interval and OOD threshold); it was saved without one and cannot "
                + "be used for prediction"));
        StoredPreprocessing steps = StoredPreprocessing.restore(loaded.preprocessing(), preprocessors);
        // A fitted encoder's flag follows its calibration: an archive calibrated without Q scores has none.
        SpectraPredictor predictor = of(loaded.model(), steps, calibration.hasOodFlag());
        return new PredictionModel(name, predictor, calibration);
    }
}
