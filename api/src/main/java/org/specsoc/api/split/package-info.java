/**
 * Training/validation partitions of a data set's rows: leave-one-group-out, the authors' stratified 60:40
 * split, its pedon-grouped variant, seeded pedon draws for labelled subsets, and group k-fold for
 * cross-validation. Every random choice takes an injected {@link java.util.SplittableRandom}.
 */
package org.specsoc.api.split;
