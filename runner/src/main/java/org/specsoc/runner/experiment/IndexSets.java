package org.specsoc.runner.experiment;

import java.util.Arrays;

/**
 * The rows of the data set one run uses, each sorted ascending.
 *
 * @param train              rows whose SOC labels train the encoder (and whose spectra train the decoder)
 * @param unlabelled         rows used only for the reconstruction loss: their labels, if any, must stay hidden
 * @param validation         rows the validation metrics are computed on
 * @param trainingEvaluation rows the "training" metrics are computed on: {@code train} except in Experiment 3's
 *                           pre-training, where the authors report the training-region spectra whose labels
 *                           were not used (reference spec, section 5)
 */
public record IndexSets(int[] train, int[] unlabelled, int[] validation, int[] trainingEvaluation) {

    public IndexSets {
        train = sorted(train);
        unlabelled = sorted(unlabelled);
        validation = sorted(validation);
        trainingEvaluation = sorted(trainingEvaluation);
    }

    /** Labelled training, no unlabelled rows, training metrics on the training rows. */
    public static IndexSets supervised(int[] train, int[] validation) {
        return new IndexSets(train, new int[0], validation, train);
    }

    private static int[] sorted(int[] rows) {
        int[] copy = rows.clone();
        Arrays.sort(copy);
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexSets s && Arrays.equals(train, s.train) && Arrays.equals(unlabelled, s.unlabelled)
                && Arrays.equals(validation, s.validation) && Arrays.equals(trainingEvaluation, s.trainingEvaluation);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {Arrays.hashCode(train), Arrays.hashCode(unlabelled),
            Arrays.hashCode(validation), Arrays.hashCode(trainingEvaluation)});
    }

    @Override
    public String toString() {
        return "IndexSets[train " + train.length + ", unlabelled " + unlabelled.length + ", validation "
                + validation.length + ", training metrics on " + trainingEvaluation.length + "]";
    }
}
