/**
 * The {@code java} compute backend: the default on CPU. GEMM runs a packed, register-blocked micro-kernel on
 * the JDK Vector API ({@code jdk.incubator.vector}); element-wise work, BatchNorm, softmax, losses and Adam are
 * vectorised and spread over a fixed thread pool ({@code compute.threads}). Every parallel split depends only on
 * the data's shape, so results are bit-identical whatever the number of threads.
 */
package org.specsoc.compute.java;
