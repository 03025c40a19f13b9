package org.specsoc.runner.training;

import java.io.IOException;

/** Receives the training state every {@code train.checkpoint.every} epochs (implemented by the checkpoint store). */
@FunctionalInterface
public interface CheckpointSink {

    void save(TrainingState state) throws IOException;
}
