package org.specsoc.runner.experiment;

/** Which training phase a run result belongs to. */
public enum Phase {
    /** A single training from scratch (Table 1, Experiment 1, {@code train}). */
    TRAIN("train"),
    /** Experiment 3: training on the other regions with few labelled pedons. */
    PRETRAIN("pretrain"),
    /** Experiment 3: continuing from the pre-trained model on the held-out region with j labelled pedons. */
    FINETUNE("finetune");

    private final String configName;

    Phase(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
