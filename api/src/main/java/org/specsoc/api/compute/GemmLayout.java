package org.specsoc.api.compute;

/**
 * Operand layouts of {@code C = op(A) . op(B)}, all buffers row-major. With C of shape m x n:
 * NN: A is m x k, B is k x n (forward); NT: B is stored n x k (input gradient dX = dY . W^T);
 * TN: A is stored k x m (weight gradient dW = X^T . dY).
 */
public enum GemmLayout {
    NN, NT, TN
}
