/**
 * Checkpoints of a training run, to resume it after a crash or an interruption:
 * {@link org.specsoc.runner.training.checkpoint.TrainingCheckpoint} is the state (a model archive plus Adam's
 * moments and the trainer's counters), {@link org.specsoc.runner.training.checkpoint.CheckpointStore} the
 * {@code checkpoint-epoch-NNNNNN.zip} files of one run, configured by the {@code train.checkpoint.*} keys of
 * {@link org.specsoc.runner.training.checkpoint.CheckpointSettings}.
 */
package org.specsoc.runner.training.checkpoint;
