package org.specsoc.api.compute;

/**
 * The reference backend with every written buffer rounded to float after each operation: float32 storage
 * semantics with reference arithmetic. Lets tests demand bit-identity where float storage makes it hold (a
 * checkpoint holds exactly what a float backend holds), which the double-storage oracle cannot offer.
 */
public final class FloatRoundingBackend implements ComputeBackend {
    private final ReferenceBackend reference = new ReferenceBackend();

    private void round(Buffer... buffers) {
        for (Buffer b : buffers) {
            if (b != null) {
                reference.upload(reference.download(b), b);
            }
        }
    }

    @Override
    public String name() {
        return "float-rounding-reference";
    }

    @Override
    public DeviceInfo device() {
        return reference.device();
    }

    @Override
    public Buffer allocate(int rows, int cols) {
        return reference.allocate(rows, cols);
    }

    @Override
    public Buffer view(Buffer parent, int offset, int rows, int cols) {
        return reference.view(parent, offset, rows, cols);
    }

    @Override
    public void upload(float[] src, int srcOffset, Buffer dst) {
        reference.upload(src, srcOffset, dst);
    }

    @Override
    public void download(Buffer src, float[] dst, int dstOffset) {
        reference.download(src, dst, dstOffset);
    }

    @Override
    public void fill(Buffer buffer, float value) {
        reference.fill(buffer, value);
    }

    @Override
    public void copy(Buffer src, Buffer dst) {
        reference.copy(src, dst);
    }

    @Override
    public void gatherRows(Buffer src, int[] rows, Buffer dst) {
        reference.gatherRows(src, rows, dst);
    }

    @Override
    public void gemm(GemmLayout layout, Buffer a, Buffer b, Buffer c, Buffer bias, Activation act,
                     boolean accumulate) {
        reference.gemm(layout, a, b, c, bias, act, accumulate);
        round(c);
    }

    @Override
    public void columnSums(Buffer x, Buffer out, boolean accumulate) {
        reference.columnSums(x, out, accumulate);
        round(out);
    }

    @Override
    public void activation(Activation act, Buffer x, Buffer y) {
        reference.activation(act, x, y);
        round(y);
    }

    @Override
    public void activationBackward(Activation act, Buffer y, Buffer dy, Buffer dx) {
        reference.activationBackward(act, y, dy, dx);
        round(dx);
    }

    @Override
    public void softmax(Buffer x, Buffer y) {
        reference.softmax(x, y);
        round(y);
    }

    @Override
    public void softmaxBackward(Buffer y, Buffer dy, Buffer dx) {
        reference.softmaxBackward(y, dy, dx);
        round(dx);
    }

    @Override
    public void batchNorm(BatchNormMode mode, Buffer x, Buffer gamma, Buffer beta, Buffer runningMean,
                          Buffer runningVar, float momentum, float eps, Buffer saveMean, Buffer saveInvStd,
                          Activation act, Buffer y) {
        reference.batchNorm(mode, x, gamma, beta, runningMean, runningVar, momentum, eps, saveMean, saveInvStd, act,
                y);
        round(runningMean, runningVar, saveMean, saveInvStd, y);
    }

    @Override
    public void batchNormBackward(Buffer x, Buffer y, Buffer dy, Activation act, Buffer gamma, Buffer saveMean,
                                  Buffer saveInvStd, Buffer dx, Buffer dGamma, Buffer dBeta) {
        reference.batchNormBackward(x, y, dy, act, gamma, saveMean, saveInvStd, dx, dGamma, dBeta);
        round(dx, dGamma, dBeta);
    }

    @Override
    public double squaredErrorColumn(Buffer pred, int column, Buffer target, float gradScale, Buffer grad) {
        double s = reference.squaredErrorColumn(pred, column, target, gradScale, grad);
        round(grad);
        return s;
    }

    @Override
    public double squaredError(Buffer pred, Buffer target, float gradScale, Buffer grad, boolean accumulate) {
        double s = reference.squaredError(pred, target, gradScale, grad, accumulate);
        round(grad);
        return s;
    }

    @Override
    public void rowMeanSquaredError(Buffer pred, Buffer target, Buffer out) {
        reference.rowMeanSquaredError(pred, target, out);
        round(out);
    }

    @Override
    public void scale(Buffer x, float alpha) {
        reference.scale(x, alpha);
        round(x);
    }

    @Override
    public void axpy(float alpha, Buffer x, Buffer y) {
        reference.axpy(alpha, x, y);
        round(y);
    }

    @Override
    public void adam(Buffer params, Buffer grads, Buffer m, Buffer v, AdamSettings settings, int step) {
        reference.adam(params, grads, m, v, settings, step);
        round(params, m, v);
    }

    @Override
    public void close() {
        reference.close();
    }
}
