/**
 * The {@code plsr} encoder: partial least squares regression of SOC on the (preprocessed) spectra, the
 * field's standard baseline. PLS1 by SIMPLS on centred (optionally autoscaled) cross-products that the compute
 * backend's GEMM accumulates; the number of components by grouped K-fold cross-validation inside the training
 * set (pedon, else region, else shuffled plain folds); Hotelling's T² and the Q residual of the fitted model as
 * the classical out-of-distribution statistics. It predicts SOC only, so it goes with decoder {@code none}.
 */
package org.specsoc.encoders.plsr;
