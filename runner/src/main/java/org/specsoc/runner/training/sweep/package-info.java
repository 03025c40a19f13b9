/**
 * The bridge from the experiment sweeps to the trainer: one run = one model built from the configured plugins,
 * trained with checkpoints, evaluated and optionally saved.
 */
package org.specsoc.runner.training.sweep;
