package org.specsoc.api.compute;

/** How a BatchNorm forward pass normalises. */
public enum BatchNormMode {
    /** Batch mean and biased batch variance; running mean/variance updated with momentum (unbiased variance). */
    TRAINING,
    /** Running statistics; nothing updated. Lets a single spectrum be predicted. */
    INFERENCE,
    /** Batch statistics of the evaluated set, running statistics untouched: what the paper's authors reported. */
    BATCH_STATISTICS
}
