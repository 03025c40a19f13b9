/**
 * Layers shared by the encoder and decoder plugins, on the {@link org.specsoc.api.compute.ComputeBackend}:
 * {@link org.specsoc.api.nn.Linear} (bias and activation fused into the GEMM), {@link org.specsoc.api.nn.BatchNorm1d}
 * (PyTorch semantics, activation fused), {@link org.specsoc.api.nn.Softmax}, a stand-alone activation,
 * {@link org.specsoc.api.nn.Sequential} and the authors' {@link org.specsoc.api.nn.MlpStack}. Every layer is a
 * {@link org.specsoc.api.model.NetworkPart}: its tensors are views of flat buffers it does not own.
 */
package org.specsoc.api.nn;
