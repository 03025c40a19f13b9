package org.specsoc.api.compute;

/**
 * Forward and backward passes at the level of layers. Buffers are handles owned by the backend (resident on
 * the device for a whole run where there is one); data crosses to the host only through
 * {@link #upload} and {@link #download}. All matrices are row-major float32. Unless stated otherwise an
 * output buffer may not alias an input. Implementations must be deterministic: the same calls with the same
 * inputs and the same thread count give bit-identical results.
 *
 * <p>The exact semantics are those of the double-precision reference backend in the api test jar
 * ({@code org.specsoc.api.compute.ReferenceBackend}); every implementation is tested against it.
 */
public interface ComputeBackend extends AutoCloseable {

    /** The factory name: {@code java}, {@code opencl}, ... */
    String name();

    /** The device actually used. */
    DeviceInfo device();

    // ---- buffers -------------------------------------------------------------------------------------

    /** A new zero-filled rows x cols buffer. */
    Buffer allocate(int rows, int cols);

    /** A rows x cols view of {@code parent}'s storage starting at element {@code offset}. */
    Buffer view(Buffer parent, int offset, int rows, int cols);

    /** Copies {@code dst.size()} floats from {@code src[srcOffset..]} into {@code dst}. */
    void upload(float[] src, int srcOffset, Buffer dst);

    /** Copies {@code src} into {@code dst[dstOffset..]}. */
    void download(Buffer src, float[] dst, int dstOffset);

    default void upload(float[] src, Buffer dst) {
        upload(src, 0, dst);
    }

    default float[] download(Buffer src) {
        float[] out = new float[src.size()];
        download(src, out, 0);
        return out;
    }

    /** A new buffer holding {@code data} (rows x cols). */
    default Buffer allocate(float[] data, int rows, int cols) {
        Buffer b = allocate(rows, cols);
        upload(data, 0, b);
        return b;
    }

    /** Releases device memory of a buffer that is no longer needed (a no-op where memory is the heap). */
    default void release(Buffer buffer) {
    }

    void fill(Buffer buffer, float value);

    /** dst = src (same size). */
    void copy(Buffer src, Buffer dst);

    /** dst row i = src row {@code rows[i]} for i &lt; dst.rows(): assembles a mini-batch from resident data. */
    void gatherRows(Buffer src, int[] rows, Buffer dst);

    /**
     * Fills {@code buffer} with U(low, high) values from a counter-based generator: element i gets
     * {@code low + (high - low) * u}, u = (SplitMix64(seed + i * 0x9E3779B97F4A7C15L) >>> 40) * 2^-24, so every
     * backend draws the same numbers (PyTorch-style init: bound = 1/sqrt(fan_in)).
     */
    default void uniform(Buffer buffer, float low, float high, long seed) {
        float[] v = new float[buffer.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = uniformValue(low, high, seed, i);
        }
        upload(v, 0, buffer);
    }

    /** The value {@link #uniform} writes at element {@code index}. */
    static float uniformValue(float low, float high, long seed, long index) {
        long z = seed + index * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        float u = (z >>> 40) * 0x1.0p-24f;
        return low + (high - low) * u;
    }

    // ---- dense layers --------------------------------------------------------------------------------

    /**
     * {@code C = act(op(A) . op(B) + bias)}, or with {@code accumulate} {@code C += op(A) . op(B)} (then bias
     * must be null and act IDENTITY). {@code bias} is 1 x n (or null), broadcast over rows.
     */
    void gemm(GemmLayout layout, Buffer a, Buffer b, Buffer c, Buffer bias, Activation act, boolean accumulate);

    /** out (1 x n) = column sums of x (m x n), or {@code +=} with accumulate: the bias gradient. */
    void columnSums(Buffer x, Buffer out, boolean accumulate);

    /** y = act(x), element-wise; y may alias x. */
    void activation(Activation act, Buffer x, Buffer y);

    /** dx = dy * act'(through y); dx may alias dy. */
    void activationBackward(Activation act, Buffer y, Buffer dy, Buffer dx);

    /** Row-wise softmax (max-subtracted); y may alias x. */
    void softmax(Buffer x, Buffer y);

    /** dx = y * (dy - rowsum(dy * y)); dx may alias dy. */
    void softmaxBackward(Buffer y, Buffer dy, Buffer dx);

    // ---- BatchNorm1d ---------------------------------------------------------------------------------

    /**
     * BatchNorm1d over the rows of x (m x n), per column, followed by {@code act}:
     * y = act(gamma * (x - mean) * invStd + beta), invStd = 1/sqrt(var + eps). In TRAINING and BATCH_STATISTICS
     * mode mean/var are the batch mean and biased variance and are written to saveMean/saveInvStd (1 x n);
     * TRAINING also updates running = (1 - momentum) * running + momentum * stat, with the unbiased variance
     * for runningVar (PyTorch). INFERENCE uses the running statistics (and also writes them, as
     * mean/invStd, into saveMean/saveInvStd).
     */
    void batchNorm(BatchNormMode mode, Buffer x, Buffer gamma, Buffer beta, Buffer runningMean, Buffer runningVar,
                   float momentum, float eps, Buffer saveMean, Buffer saveInvStd, Activation act, Buffer y);

    /**
     * Backward of {@link #batchNorm} in TRAINING mode (batch statistics), activation included: with
     * g = dy * act'(y), dGamma = sum(g * xhat), dBeta = sum(g) (accumulated into dGamma/dBeta), and
     * dx = gamma * invStd / m * (m * g - sum(g) - xhat * sum(g * xhat)). dx may be null (input layer).
     */
    void batchNormBackward(Buffer x, Buffer y, Buffer dy, Activation act, Buffer gamma, Buffer saveMean,
                           Buffer saveInvStd, Buffer dx, Buffer dGamma, Buffer dBeta);

    // ---- losses --------------------------------------------------------------------------------------

    /**
     * Squared error of one column of {@code pred} (m x n) against {@code target} (m x 1, {@code NaN} =
     * unlabelled, skipped). Returns the sum over labelled rows of (p - t)^2, and writes into {@code grad}
     * (m x n) {@code gradScale * 2 * (p - t)} at that column of labelled rows and 0 everywhere else
     * ({@code grad} may be null to skip the gradient).
     */
    double squaredErrorColumn(Buffer pred, int column, Buffer target, float gradScale, Buffer grad);

    /**
     * Returns sum((pred - target)^2) over all elements and, when grad is not null, writes
     * grad = gradScale * 2 * (pred - target) (or adds it, with accumulate).
     */
    double squaredError(Buffer pred, Buffer target, float gradScale, Buffer grad, boolean accumulate);

    /** out (m x 1) = per-row mean of (pred - target)^2: MRMSE is the mean of its square roots. */
    void rowMeanSquaredError(Buffer pred, Buffer target, Buffer out);

    // ---- vector ops and optimiser ----------------------------------------------------------------------

    /** x *= alpha. */
    void scale(Buffer x, float alpha);

    /** y += alpha * x. */
    void axpy(float alpha, Buffer x, Buffer y);

    /**
     * One Adam step (PyTorch semantics, {@code step} counted from 1) over flat buffers of equal size:
     * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps).
     */
    void adam(Buffer params, Buffer grads, Buffer m, Buffer v, AdamSettings settings, int step);

    @Override
    void close();
}
