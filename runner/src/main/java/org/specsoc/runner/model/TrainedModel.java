package org.specsoc.runner.model;

import java.util.Objects;
import org.specsoc.api.model.FittedEncoder;
import org.specsoc.runner.training.JointModel;

/**
 * A model ready to be saved or used: either a network trained by back-propagation (an encoder and its decoder in
 * one {@link JointModel}) or an encoder fitted in closed form ({@link FittedEncoder}, e.g. PLSR), together with the
 * wavelength grid of the data it was trained on, before preprocessing ({@link #dataGrid()}): the grid that
 * {@code specsoc predict} resamples new spectra to. The network's own grid ({@code shape().wavelengths()}) differs
 * from it only when a preprocessing step cuts or resamples the spectra.
 */
public sealed interface TrainedModel {

    /** Wavelengths (nm, increasing) of the raw training spectra, before the stored preprocessing. */
    double[] dataGrid();

    /** The grid the encoder takes, after preprocessing. */
    double[] networkGrid();

    /** A network trained jointly with its decoder. */
    record Network(JointModel model, double[] dataGrid) implements TrainedModel {
        public Network {
            Objects.requireNonNull(model, "model");
            dataGrid = dataGrid.clone();
        }

        /** A network whose data grid is its own grid (no grid-changing preprocessing). */
        public static Network of(JointModel model) {
            return new Network(model, model.shape().wavelengths());
        }

        @Override
        public double[] dataGrid() {
            return dataGrid.clone();
        }

        @Override
        public double[] networkGrid() {
            return model.shape().wavelengths();
        }
    }

    /** An encoder fitted in closed form; it predicts SOC only. */
    record Fitted(FittedEncoder encoder, double[] dataGrid) implements TrainedModel {
        public Fitted {
            Objects.requireNonNull(encoder, "encoder");
            if (!encoder.fitted()) {
                throw new IllegalArgumentException("encoder '" + encoder.name() + "' has not been fitted");
            }
            dataGrid = dataGrid.clone();
        }

        public static Fitted of(FittedEncoder encoder) {
            return new Fitted(encoder, encoder.shape().wavelengths());
        }

        @Override
        public double[] dataGrid() {
            return dataGrid.clone();
        }

        @Override
        public double[] networkGrid() {
            return encoder.shape().wavelengths();
        }
    }
}
