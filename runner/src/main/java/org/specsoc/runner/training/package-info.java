/**
 * Training as the authors ran it (reference spec 3-5): {@link org.specsoc.runner.training.JointModel} binds an
 * encoder and decoder to flat parameter, gradient and state buffers; {@link org.specsoc.runner.training.SocLoss}
 * is eq. (1) with the decoder's loss factor; {@link org.specsoc.runner.training.Trainer} runs Adam over shuffled
 * batches, fires listener events, checkpoints a {@link org.specsoc.runner.training.TrainingState} and resumes
 * from one bit-identically; {@link org.specsoc.runner.training.Evaluation} and
 * {@link org.specsoc.runner.training.Metrics} score a set with running or batch BatchNorm statistics.
 * {@link org.specsoc.runner.training.TrainingExtension} registers the {@code train.}, {@code loss.} and
 * {@code eval.} keys and the {@code epoch} benchmark.
 */
package org.specsoc.runner.training;
