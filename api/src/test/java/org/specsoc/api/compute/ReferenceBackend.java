package org.specsoc.api.compute;

import java.util.Map;

/**
 * The double-precision oracle: plain loops, no cleverness, storage in double. It defines the semantics of
 * {@link ComputeBackend}; every real backend and every layer is tested against it. Test use only.
 */
public final class ReferenceBackend implements ComputeBackend {

    /** Storage shared by views. */
    private static final class Storage {
        final double[] data;

        Storage(int n) {
            data = new double[n];
        }
    }

    private final class Ref extends BufferWindow {
        final Storage storage;

        Ref(Storage storage, int offset, int rows, int cols) {
            super(ReferenceBackend.this, offset, rows, cols);
            this.storage = storage;
        }

        double get(int r, int c) {
            return storage.data[offset() + r * cols() + c];
        }

        void set(int r, int c, double v) {
            storage.data[offset() + r * cols() + c] = v;
        }

        double at(int i) {
            return storage.data[offset() + i];
        }

        void put(int i, double v) {
            storage.data[offset() + i] = v;
        }
    }

    private Ref ref(Buffer b) {
        return BufferWindow.owned(b, Ref.class, this, "buffer");
    }

    /** Rounds every stored value to float, so results compare with float backends fed the same inputs. */
    public double[] values(Buffer b) {
        Ref r = ref(b);
        double[] out = new double[r.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.at(i);
        }
        return out;
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public DeviceInfo device() {
        return new DeviceInfo("reference", "Java (double precision, single thread)", 1, Map.of());
    }

    @Override
    public Buffer allocate(int rows, int cols) {
        return new Ref(new Storage(rows * cols), 0, rows, cols);
    }

    @Override
    public Buffer view(Buffer parent, int offset, int rows, int cols) {
        Ref p = ref(parent);
        return new Ref(p.storage, p.viewOffset(offset, rows, cols), rows, cols);
    }

    @Override
    public void upload(float[] src, int srcOffset, Buffer dst) {
        Ref d = ref(dst);
        for (int i = 0; i < d.size(); i++) {
            d.put(i, src[srcOffset + i]);
        }
    }

    @Override
    public void download(Buffer src, float[] dst, int dstOffset) {
        Ref s = ref(src);
        for (int i = 0; i < s.size(); i++) {
            dst[dstOffset + i] = (float) s.at(i);
        }
    }

    @Override
    public void fill(Buffer buffer, float value) {
        Ref b = ref(buffer);
        for (int i = 0; i < b.size(); i++) {
            b.put(i, value);
        }
    }

    @Override
    public void copy(Buffer src, Buffer dst) {
        Ref s = ref(src);
        Ref d = ref(dst);
        sameSize(s, d);
        for (int i = 0; i < s.size(); i++) {
            d.put(i, s.at(i));
        }
    }

    @Override
    public void gatherRows(Buffer src, int[] rows, Buffer dst) {
        Ref s = ref(src);
        Ref d = ref(dst);
        for (int i = 0; i < d.rows(); i++) {
            for (int c = 0; c < d.cols(); c++) {
                d.set(i, c, s.get(rows[i], c));
            }
        }
    }

    @Override
    public void gemm(GemmLayout layout, Buffer a, Buffer b, Buffer c, Buffer bias, Activation act,
                     boolean accumulate) {
        Ref ra = ref(a);
        Ref rb = ref(b);
        Ref rc = ref(c);
        int m = rc.rows();
        int n = rc.cols();
        int k = layout == GemmLayout.TN ? ra.rows() : ra.cols();
        if (accumulate && (bias != null || act != Activation.IDENTITY)) {
            throw new IllegalArgumentException("accumulate takes no bias and no activation");
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = layout == GemmLayout.TN ? ra.get(p, i) : ra.get(i, p);
                    double bv = layout == GemmLayout.NT ? rb.get(j, p) : rb.get(p, j);
                    s += av * bv;
                }
                if (accumulate) {
                    rc.set(i, j, rc.get(i, j) + s);
                } else {
                    if (bias != null) {
                        s += ref(bias).at(j);
                    }
                    rc.set(i, j, act.apply(s));
                }
            }
        }
    }

    @Override
    public void columnSums(Buffer x, Buffer out, boolean accumulate) {
        Ref rx = ref(x);
        Ref ro = ref(out);
        for (int j = 0; j < rx.cols(); j++) {
            double s = 0;
            for (int i = 0; i < rx.rows(); i++) {
                s += rx.get(i, j);
            }
            ro.put(j, accumulate ? ro.at(j) + s : s);
        }
    }

    @Override
    public void activation(Activation act, Buffer x, Buffer y) {
        Ref rx = ref(x);
        Ref ry = ref(y);
        for (int i = 0; i < rx.size(); i++) {
            ry.put(i, act.apply(rx.at(i)));
        }
    }

    @Override
    public void activationBackward(Activation act, Buffer y, Buffer dy, Buffer dx) {
        Ref ry = ref(y);
        Ref rdy = ref(dy);
        Ref rdx = ref(dx);
        for (int i = 0; i < ry.size(); i++) {
            rdx.put(i, rdy.at(i) * act.derivativeFromOutput(ry.at(i)));
        }
    }

    @Override
    public void softmax(Buffer x, Buffer y) {
        Ref rx = ref(x);
        Ref ry = ref(y);
        for (int i = 0; i < rx.rows(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < rx.cols(); j++) {
                max = Math.max(max, rx.get(i, j));
            }
            double sum = 0;
            double[] e = new double[rx.cols()];
            for (int j = 0; j < rx.cols(); j++) {
                e[j] = Math.exp(rx.get(i, j) - max);
                sum += e[j];
            }
            for (int j = 0; j < rx.cols(); j++) {
                ry.set(i, j, e[j] / sum);
            }
        }
    }

    @Override
    public void softmaxBackward(Buffer y, Buffer dy, Buffer dx) {
        Ref ry = ref(y);
        Ref rdy = ref(dy);
        Ref rdx = ref(dx);
        for (int i = 0; i < ry.rows(); i++) {
            double dot = 0;
            for (int j = 0; j < ry.cols(); j++) {
                dot += rdy.get(i, j) * ry.get(i, j);
            }
            for (int j = 0; j < ry.cols(); j++) {
                rdx.set(i, j, ry.get(i, j) * (rdy.get(i, j) - dot));
            }
        }
    }

    @Override
    public void batchNorm(BatchNormMode mode, Buffer x, Buffer gamma, Buffer beta, Buffer runningMean,
                          Buffer runningVar, float momentum, float eps, Buffer saveMean, Buffer saveInvStd,
                          Activation act, Buffer y) {
        Ref rx = ref(x);
        Ref ry = ref(y);
        int m = rx.rows();
        for (int j = 0; j < rx.cols(); j++) {
            double mean;
            double var;
            if (mode == BatchNormMode.INFERENCE) {
                mean = ref(runningMean).at(j);
                var = ref(runningVar).at(j);
            } else {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += rx.get(i, j);
                }
                mean = s / m;
                double ss = 0;
                for (int i = 0; i < m; i++) {
                    double d = rx.get(i, j) - mean;
                    ss += d * d;
                }
                var = ss / m;
                if (mode == BatchNormMode.TRAINING) {
                    double unbiased = m > 1 ? ss / (m - 1) : var;
                    Ref rm = ref(runningMean);
                    Ref rv = ref(runningVar);
                    rm.put(j, (1 - momentum) * rm.at(j) + momentum * mean);
                    rv.put(j, (1 - momentum) * rv.at(j) + momentum * unbiased);
                }
            }
            double invStd = 1 / Math.sqrt(var + eps);
            ref(saveMean).put(j, mean);
            ref(saveInvStd).put(j, invStd);
            double g = ref(gamma).at(j);
            double b = ref(beta).at(j);
            for (int i = 0; i < m; i++) {
                ry.set(i, j, act.apply(g * (rx.get(i, j) - mean) * invStd + b));
            }
        }
    }

    @Override
    public void batchNormBackward(Buffer x, Buffer y, Buffer dy, Activation act, Buffer gamma, Buffer saveMean,
                                  Buffer saveInvStd, Buffer dx, Buffer dGamma, Buffer dBeta) {
        Ref rx = ref(x);
        Ref ry = ref(y);
        Ref rdy = ref(dy);
        int m = rx.rows();
        for (int j = 0; j < rx.cols(); j++) {
            double mean = ref(saveMean).at(j);
            double invStd = ref(saveInvStd).at(j);
            double sumG = 0;
            double sumGx = 0;
            double[] g = new double[m];
            double[] xhat = new double[m];
            for (int i = 0; i < m; i++) {
                g[i] = rdy.get(i, j) * act.derivativeFromOutput(ry.get(i, j));
                xhat[i] = (rx.get(i, j) - mean) * invStd;
                sumG += g[i];
                sumGx += g[i] * xhat[i];
            }
            ref(dGamma).put(j, ref(dGamma).at(j) + sumGx);
            ref(dBeta).put(j, ref(dBeta).at(j) + sumG);
            if (dx != null) {
                Ref rdx = ref(dx);
                double k = ref(gamma).at(j) * invStd / m;
                for (int i = 0; i < m; i++) {
                    rdx.set(i, j, k * (m * g[i] - sumG - xhat[i] * sumGx));
                }
            }
        }
    }

    @Override
    public double squaredErrorColumn(Buffer pred, int column, Buffer target, float gradScale, Buffer grad) {
        Ref rp = ref(pred);
        Ref rt = ref(target);
        Ref rg = grad == null ? null : ref(grad);
        double sum = 0;
        for (int i = 0; i < rp.rows(); i++) {
            double t = rt.at(i);
            for (int j = 0; j < rp.cols() && rg != null; j++) {
                rg.set(i, j, 0);
            }
            if (Double.isNaN(t)) {
                continue;
            }
            double d = rp.get(i, column) - t;
            sum += d * d;
            if (rg != null) {
                rg.set(i, column, gradScale * 2 * d);
            }
        }
        return sum;
    }

    @Override
    public double squaredError(Buffer pred, Buffer target, float gradScale, Buffer grad, boolean accumulate) {
        Ref rp = ref(pred);
        Ref rt = ref(target);
        sameSize(rp, rt);
        double sum = 0;
        for (int i = 0; i < rp.size(); i++) {
            double d = rp.at(i) - rt.at(i);
            sum += d * d;
            if (grad != null) {
                Ref rg = ref(grad);
                rg.put(i, (accumulate ? rg.at(i) : 0) + gradScale * 2 * d);
            }
        }
        return sum;
    }

    @Override
    public void rowMeanSquaredError(Buffer pred, Buffer target, Buffer out) {
        Ref rp = ref(pred);
        Ref rt = ref(target);
        Ref ro = ref(out);
        for (int i = 0; i < rp.rows(); i++) {
            double s = 0;
            for (int j = 0; j < rp.cols(); j++) {
                double d = rp.get(i, j) - rt.get(i, j);
                s += d * d;
            }
            ro.put(i, s / rp.cols());
        }
    }

    @Override
    public void scale(Buffer x, float alpha) {
        Ref r = ref(x);
        for (int i = 0; i < r.size(); i++) {
            r.put(i, r.at(i) * alpha);
        }
    }

    @Override
    public void axpy(float alpha, Buffer x, Buffer y) {
        Ref rx = ref(x);
        Ref ry = ref(y);
        sameSize(rx, ry);
        for (int i = 0; i < rx.size(); i++) {
            ry.put(i, ry.at(i) + alpha * rx.at(i));
        }
    }

    @Override
    public void adam(Buffer params, Buffer grads, Buffer m, Buffer v, AdamSettings s, int step) {
        Ref p = ref(params);
        Ref g = ref(grads);
        Ref rm = ref(m);
        Ref rv = ref(v);
        double bc1 = 1 - Math.pow(s.beta1(), step);
        double bc2 = 1 - Math.pow(s.beta2(), step);
        for (int i = 0; i < p.size(); i++) {
            double gi = g.at(i);
            double mi = s.beta1() * rm.at(i) + (1 - s.beta1()) * gi;
            double vi = s.beta2() * rv.at(i) + (1 - s.beta2()) * gi * gi;
            rm.put(i, mi);
            rv.put(i, vi);
            p.put(i, p.at(i) - s.learningRate() * (mi / bc1) / (Math.sqrt(vi / bc2) + s.epsilon()));
        }
    }

    private static void sameSize(Ref a, Ref b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("sizes differ: " + a.size() + " and " + b.size());
        }
    }

    @Override
    public void close() {
    }
}
