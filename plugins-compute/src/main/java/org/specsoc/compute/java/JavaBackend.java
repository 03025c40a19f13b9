package org.specsoc.compute.java;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.AdamSettings;
import org.specsoc.api.compute.BatchNormMode;
import org.specsoc.api.compute.Buffer;
import org.specsoc.api.compute.BufferWindow;
import org.specsoc.api.compute.ComputeBackend;
import org.specsoc.api.compute.DeviceInfo;
import org.specsoc.api.compute.GemmLayout;

/**
 * The CPU backend: buffers on the heap, GEMM through {@link Gemm}'s Vector API micro-kernel, element-wise work
 * vectorised and spread over a fixed pool when large.
 *
 * <p>Determinism: every parallel operation is cut into tasks by the data's shape alone (fixed chunks, fixed
 * column blocks, whole rows), each output element is written by one task, and reductions combine per-chunk
 * partial sums in chunk order. Results are therefore bit-identical across runs and across thread counts.
 *
 * <p>Not thread-safe: one caller at a time (the pool does the parallel work).
 */
public final class JavaBackend implements ComputeBackend {
    private static final VectorSpecies<Float> S = VectorMath.S;
    private static final int L = VectorMath.L;
    /** Elements per task for element-wise work; below two chunks the work stays on the calling thread. */
    private static final int CHUNK = 16_384;
    /** Columns per task for column-wise work (BatchNorm, column sums). */
    private static final int COLUMN_BLOCK = 4 * L;

    private final WorkPool pool;
    private final Gemm gemm = new Gemm();
    private final DeviceInfo device;
    private volatile boolean closed;

    public JavaBackend(int threads) {
        this.pool = new WorkPool(threads);
        var details = new LinkedHashMap<String, String>();
        details.put("simd_bits", Integer.toString(S.vectorBitSize()));
        details.put("float_lanes", Integer.toString(L));
        details.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        details.put("threads", Integer.toString(threads));
        details.put("java", System.getProperty("java.version", "?"));
        this.device = new DeviceInfo("java", CpuModel.describe() + " (Java Vector API, " + S.vectorBitSize()
                + "-bit SIMD)", threads, details);
    }

    /** Threads in the pool. */
    public int threads() {
        return pool.threads();
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public DeviceInfo device() {
        return device;
    }

    // ---- buffers ---------------------------------------------------------------------------------------

    private JavaBuffer buf(Buffer b, String role) {
        JavaBuffer jb = BufferWindow.owned(b, JavaBuffer.class, this, role);
        if (closed) {
            throw new IllegalStateException("the java backend is closed");
        }
        return jb;
    }

    @Override
    public Buffer allocate(int rows, int cols) {
        long size = (long) rows * cols;
        if (rows < 0 || cols < 0 || size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("cannot allocate " + rows + " x " + cols);
        }
        return new JavaBuffer(this, new float[(int) size], 0, rows, cols);
    }

    @Override
    public Buffer view(Buffer parent, int offset, int rows, int cols) {
        JavaBuffer p = buf(parent, "parent");
        return new JavaBuffer(this, p.data, p.viewOffset(offset, rows, cols), rows, cols);
    }

    @Override
    public void upload(float[] src, int srcOffset, Buffer dst) {
        JavaBuffer d = buf(dst, "dst");
        System.arraycopy(src, srcOffset, d.data, d.offset(), d.size());
    }

    @Override
    public void download(Buffer src, float[] dst, int dstOffset) {
        JavaBuffer s = buf(src, "src");
        System.arraycopy(s.data, s.offset(), dst, dstOffset, s.size());
    }

    @Override
    public void fill(Buffer buffer, float value) {
        JavaBuffer b = buf(buffer, "buffer");
        chunks(b.size(), (from, to) -> Arrays.fill(b.data, b.offset() + from, b.offset() + to, value));
    }

    @Override
    public void copy(Buffer src, Buffer dst) {
        JavaBuffer s = buf(src, "src");
        JavaBuffer d = buf(dst, "dst");
        sameSize(s, d, "copy");
        chunks(s.size(), (from, to) -> System.arraycopy(s.data, s.offset() + from, d.data, d.offset() + from,
                to - from));
    }

    @Override
    public void gatherRows(Buffer src, int[] rows, Buffer dst) {
        JavaBuffer s = buf(src, "src");
        JavaBuffer d = buf(dst, "dst");
        if (s.cols() != d.cols()) {
            throw new IllegalArgumentException("gatherRows: src has " + s.cols() + " columns, dst " + d.cols());
        }
        if (rows.length < d.rows()) {
            throw new IllegalArgumentException("gatherRows: " + rows.length + " row indices for " + d.rows() + " rows");
        }
        int n = d.cols();
        for (int i = 0; i < d.rows(); i++) {
            if (rows[i] < 0 || rows[i] >= s.rows()) {
                throw new IndexOutOfBoundsException("gatherRows: row index " + rows[i] + " at position " + i
                        + " outside 0.." + (s.rows() - 1));
            }
        }
        int rowsPerTask = Math.max(1, CHUNK / Math.max(1, n));
        pool.forEach(tasks(d.rows(), rowsPerTask), t -> {
            for (int i = t * rowsPerTask, end = Math.min(d.rows(), i + rowsPerTask); i < end; i++) {
                System.arraycopy(s.data, s.offset() + rows[i] * n, d.data, d.offset() + i * n, n);
            }
        });
    }

    // ---- dense layers ----------------------------------------------------------------------------------

    @Override
    public void gemm(GemmLayout layout, Buffer a, Buffer b, Buffer c, Buffer bias, Activation act,
                     boolean accumulate) {
        JavaBuffer ja = buf(a, "a");
        JavaBuffer jb = buf(b, "b");
        JavaBuffer jc = buf(c, "c");
        JavaBuffer jbias = bias == null ? null : buf(bias, "bias");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(act, "act");
        if (accumulate && (bias != null || act != Activation.IDENTITY)) {
            throw new IllegalArgumentException("accumulate takes no bias and no activation");
        }
        int m = jc.rows();
        int n = jc.cols();
        int am = layout == GemmLayout.TN ? ja.cols() : ja.rows();
        int k = layout == GemmLayout.TN ? ja.rows() : ja.cols();
        int bk = layout == GemmLayout.NT ? jb.cols() : jb.rows();
        int bn = layout == GemmLayout.NT ? jb.rows() : jb.cols();
        if (am != m || bn != n || bk != k) {
            throw new IllegalArgumentException("gemm " + layout + ": shapes do not agree: A " + ja.rows() + " x "
                    + ja.cols() + ", B " + jb.rows() + " x " + jb.cols() + ", C " + m + " x " + n);
        }
        if (jbias != null && jbias.size() != n) {
            throw new IllegalArgumentException("gemm: bias has " + jbias.size() + " values for " + n + " columns");
        }
        if (overlaps(jc, ja) || overlaps(jc, jb)) {
            throw new IllegalArgumentException("gemm: the output may not alias an input");
        }
        gemm.multiply(pool, layout, ja.data, ja.offset(), ja.cols(), jb.data, jb.offset(), jb.cols(), jc.data,
                jc.offset(), m, n, k, jbias == null ? null : jbias.data, jbias == null ? 0 : jbias.offset(), act, accumulate);
    }

    @Override
    public void columnSums(Buffer x, Buffer out, boolean accumulate) {
        JavaBuffer jx = buf(x, "x");
        JavaBuffer jo = buf(out, "out");
        int m = jx.rows();
        int n = jx.cols();
        if (jo.size() != n) {
            throw new IllegalArgumentException("columnSums: out has " + jo.size() + " values for " + n + " columns");
        }
        float[] xd = jx.data;
        float[] od = jo.data;
        pool.forEach(tasks(n, COLUMN_BLOCK), t -> {
            int j0 = t * COLUMN_BLOCK;
            int j1 = Math.min(n, j0 + COLUMN_BLOCK);
            int j = j0;
            for (; j + L <= j1; j += L) {
                FloatVector s = FloatVector.zero(S);
                for (int i = 0; i < m; i++) {
                    s = s.add(FloatVector.fromArray(S, xd, jx.offset() + i * n + j));
                }
                if (accumulate) {
                    s = FloatVector.fromArray(S, od, jo.offset() + j).add(s);
                }
                s.intoArray(od, jo.offset() + j);
            }
            for (; j < j1; j++) {
                float s = 0f;
                for (int i = 0; i < m; i++) {
                    s = s + xd[jx.offset() + i * n + j];
                }
                od[jo.offset() + j] = accumulate ? od[jo.offset() + j] + s : s;
            }
        });
    }

    @Override
    public void activation(Activation act, Buffer x, Buffer y) {
        JavaBuffer jx = buf(x, "x");
        JavaBuffer jy = buf(y, "y");
        sameSize(jx, jy, "activation");
        chunks(jx.size(), (from, to) -> Epilogue.activate(act, jx.data, jx.offset() + from, jy.data, jy.offset() + from,
                to - from));
    }

    @Override
    public void activationBackward(Activation act, Buffer y, Buffer dy, Buffer dx) {
        JavaBuffer jy = buf(y, "y");
        JavaBuffer jdy = buf(dy, "dy");
        JavaBuffer jdx = buf(dx, "dx");
        sameSize(jy, jdy, "activationBackward");
        sameSize(jy, jdx, "activationBackward");
        chunks(jy.size(), (from, to) -> {
            int i = from;
            for (; i + L <= to; i += L) {
                FloatVector d = VectorMath.derivative(act, FloatVector.fromArray(S, jy.data, jy.offset() + i));
                FloatVector.fromArray(S, jdy.data, jdy.offset() + i).mul(d).intoArray(jdx.data, jdx.offset() + i);
            }
            for (; i < to; i++) {
                float d = VectorMath.derivative(act, jy.data[jy.offset() + i]);
                jdx.data[jdx.offset() + i] = jdy.data[jdy.offset() + i] * d;
            }
        });
    }

    @Override
    public void softmax(Buffer x, Buffer y) {
        JavaBuffer jx = buf(x, "x");
        JavaBuffer jy = buf(y, "y");
        sameShape(jx, jy, "softmax");
        int n = jx.cols();
        rows(jx.rows(), n, i -> {
            int xo = jx.offset() + i * n;
            int yo = jy.offset() + i * n;
            float[] xd = jx.data;
            float[] yd = jy.data;
            float max = Float.NEGATIVE_INFINITY;
            int j = 0;
            if (n >= L) {
                FloatVector mv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
                for (; j + L <= n; j += L) {
                    mv = mv.max(FloatVector.fromArray(S, xd, xo + j));
                }
                max = mv.reduceLanes(VectorOperators.MAX);
            }
            for (; j < n; j++) {
                max = Math.max(max, xd[xo + j]);
            }
            FloatVector sv = FloatVector.zero(S);
            j = 0;
            for (; j + L <= n; j += L) {
                FloatVector e = VectorMath.exp(FloatVector.fromArray(S, xd, xo + j).sub(max));
                e.intoArray(yd, yo + j);
                sv = sv.add(e);
            }
            float sum = sv.reduceLanes(VectorOperators.ADD);
            for (; j < n; j++) {
                float e = VectorMath.exp(xd[xo + j] - max);
                yd[yo + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            j = 0;
            for (; j + L <= n; j += L) {
                FloatVector.fromArray(S, yd, yo + j).mul(inv).intoArray(yd, yo + j);
            }
            for (; j < n; j++) {
                yd[yo + j] = yd[yo + j] * inv;
            }
        });
    }

    @Override
    public void softmaxBackward(Buffer y, Buffer dy, Buffer dx) {
        JavaBuffer jy = buf(y, "y");
        JavaBuffer jdy = buf(dy, "dy");
        JavaBuffer jdx = buf(dx, "dx");
        sameShape(jy, jdy, "softmaxBackward");
        sameShape(jy, jdx, "softmaxBackward");
        int n = jy.cols();
        rows(jy.rows(), n, i -> {
            int yo = jy.offset() + i * n;
            int go = jdy.offset() + i * n;
            int xo = jdx.offset() + i * n;
            FloatVector dv = FloatVector.zero(S);
            int j = 0;
            for (; j + L <= n; j += L) {
                dv = FloatVector.fromArray(S, jdy.data, go + j).fma(FloatVector.fromArray(S, jy.data, yo + j), dv);
            }
            float dot = dv.reduceLanes(VectorOperators.ADD);
            for (; j < n; j++) {
                dot += jdy.data[go + j] * jy.data[yo + j];
            }
            j = 0;
            for (; j + L <= n; j += L) {
                FloatVector yv = FloatVector.fromArray(S, jy.data, yo + j);
                yv.mul(FloatVector.fromArray(S, jdy.data, go + j).sub(dot)).intoArray(jdx.data, xo + j);
            }
            for (; j < n; j++) {
                jdx.data[xo + j] = jy.data[yo + j] * (jdy.data[go + j] - dot);
            }
        });
    }

    // ---- BatchNorm1d -----------------------------------------------------------------------------------

    @Override
    public void batchNorm(BatchNormMode mode, Buffer x, Buffer gamma, Buffer beta, Buffer runningMean,
                          Buffer runningVar, float momentum, float eps, Buffer saveMean, Buffer saveInvStd,
                          Activation act, Buffer y) {
        JavaBuffer jx = buf(x, "x");
        JavaBuffer jy = buf(y, "y");
        sameShape(jx, jy, "batchNorm");
        int n = jx.cols();
        JavaBuffer g = vector(gamma, "gamma", n);
        JavaBuffer b = vector(beta, "beta", n);
        JavaBuffer rm = vector(runningMean, "runningMean", n);
        JavaBuffer rv = vector(runningVar, "runningVar", n);
        JavaBuffer sm = vector(saveMean, "saveMean", n);
        JavaBuffer si = vector(saveInvStd, "saveInvStd", n);
        int m = jx.rows();
        if (mode != BatchNormMode.INFERENCE && m == 0) {
            throw new IllegalArgumentException("batchNorm: batch statistics of an empty batch");
        }
        float[] xd = jx.data;
        float[] yd = jy.data;
        pool.forEach(tasks(n, COLUMN_BLOCK), t -> {
            int j0 = t * COLUMN_BLOCK;
            int j1 = Math.min(n, j0 + COLUMN_BLOCK);
            // statistics, one column at a time inside the block (vectors over columns)
            for (int j = j0; j < j1; j++) {
                float mean;
                float var;
                if (mode == BatchNormMode.INFERENCE) {
                    mean = rm.data[rm.offset() + j];
                    var = rv.data[rv.offset() + j];
                } else {
                    mean = 0f;
                    var = 0f;
                }
                sm.data[sm.offset() + j] = mean;
                si.data[si.offset() + j] = var;
            }
            if (mode != BatchNormMode.INFERENCE) {
                columnStatistics(xd, jx.offset(), m, n, j0, j1, sm.data, sm.offset(), si.data, si.offset());
                for (int j = j0; j < j1; j++) {
                    float mean = sm.data[sm.offset() + j];
                    float ss = si.data[si.offset() + j];
                    float var = ss / m;
                    if (mode == BatchNormMode.TRAINING) {
                        float unbiased = m > 1 ? ss / (m - 1) : var;
                        rm.data[rm.offset() + j] = (1 - momentum) * rm.data[rm.offset() + j] + momentum * mean;
                        rv.data[rv.offset() + j] = (1 - momentum) * rv.data[rv.offset() + j] + momentum * unbiased;
                    }
                    si.data[si.offset() + j] = var;
                }
            }
            for (int j = j0; j < j1; j++) {
                si.data[si.offset() + j] = (float) (1.0 / Math.sqrt(si.data[si.offset() + j] + (double) eps));
            }
            // y = act(x * scale + shift), scale = gamma * invStd, shift = beta - mean * scale
            float[] scale = new float[j1 - j0];
            float[] shift = new float[j1 - j0];
            for (int j = j0; j < j1; j++) {
                scale[j - j0] = g.data[g.offset() + j] * si.data[si.offset() + j];
                shift[j - j0] = b.data[b.offset() + j] - sm.data[sm.offset() + j] * scale[j - j0];
            }
            for (int i = 0; i < m; i++) {
                int row = i * n;
                int j = j0;
                for (; j + L <= j1; j += L) {
                    FloatVector.fromArray(S, xd, jx.offset() + row + j)
                            .fma(FloatVector.fromArray(S, scale, j - j0), FloatVector.fromArray(S, shift, j - j0))
                            .intoArray(yd, jy.offset() + row + j);
                }
                for (; j < j1; j++) {
                    yd[jy.offset() + row + j] = Math.fma(xd[jx.offset() + row + j], scale[j - j0], shift[j - j0]);
                }
                // the activation in its own loop: see Epilogue
                Epilogue.activate(act, yd, jy.offset() + row + j0, yd, jy.offset() + row + j0, j1 - j0);
            }
        });
    }

    /** Writes each column's mean into mean[] and its sum of squared deviations into ss[] (two passes). */
    private static void columnStatistics(float[] xd, int xo, int m, int n, int j0, int j1, float[] mean, int mo,
                                         float[] ss, int so) {
        int j = j0;
        for (; j + L <= j1; j += L) {
            FloatVector s = FloatVector.zero(S);
            for (int i = 0; i < m; i++) {
                s = s.add(FloatVector.fromArray(S, xd, xo + i * n + j));
            }
            FloatVector mu = s.div(m);
            FloatVector q = FloatVector.zero(S);
            for (int i = 0; i < m; i++) {
                FloatVector d = FloatVector.fromArray(S, xd, xo + i * n + j).sub(mu);
                q = d.fma(d, q);
            }
            mu.intoArray(mean, mo + j);
            q.intoArray(ss, so + j);
        }
        for (; j < j1; j++) {
            float s = 0f;
            for (int i = 0; i < m; i++) {
                s = s + xd[xo + i * n + j];
            }
            float mu = s / m;
            float q = 0f;
            for (int i = 0; i < m; i++) {
                float d = xd[xo + i * n + j] - mu;
                q = Math.fma(d, d, q);
            }
            mean[mo + j] = mu;
            ss[so + j] = q;
        }
    }

    @Override
    public void batchNormBackward(Buffer x, Buffer y, Buffer dy, Activation act, Buffer gamma, Buffer saveMean,
                                  Buffer saveInvStd, Buffer dx, Buffer dGamma, Buffer dBeta) {
        JavaBuffer jx = buf(x, "x");
        JavaBuffer jy = buf(y, "y");
        JavaBuffer jdy = buf(dy, "dy");
        JavaBuffer jdx = dx == null ? null : buf(dx, "dx");
        sameShape(jx, jy, "batchNormBackward");
        sameShape(jx, jdy, "batchNormBackward");
        if (jdx != null) {
            sameShape(jx, jdx, "batchNormBackward");
        }
        int n = jx.cols();
        int m = jx.rows();
        JavaBuffer g = vector(gamma, "gamma", n);
        JavaBuffer sm = vector(saveMean, "saveMean", n);
        JavaBuffer si = vector(saveInvStd, "saveInvStd", n);
        JavaBuffer dg = vector(dGamma, "dGamma", n);
        JavaBuffer db = vector(dBeta, "dBeta", n);
        pool.forEach(tasks(n, COLUMN_BLOCK), t -> {
            int j0 = t * COLUMN_BLOCK;
            int j1 = Math.min(n, j0 + COLUMN_BLOCK);
            int w = j1 - j0;
            float[] sumG = new float[w];
            float[] sumGx = new float[w];
            float[] mean = Arrays.copyOfRange(sm.data, sm.offset() + j0, sm.offset() + j1);
            float[] inv = Arrays.copyOfRange(si.data, si.offset() + j0, si.offset() + j1);
            int vw = w - w % L;
            for (int i = 0; i < m; i++) {
                int row = i * n + j0;
                int j = 0;
                for (; j < vw; j += L) {
                    FloatVector gv = FloatVector.fromArray(S, jdy.data, jdy.offset() + row + j)
                            .mul(VectorMath.derivative(act, FloatVector.fromArray(S, jy.data, jy.offset() + row + j)));
                    FloatVector xh = FloatVector.fromArray(S, jx.data, jx.offset() + row + j)
                            .sub(FloatVector.fromArray(S, mean, j)).mul(FloatVector.fromArray(S, inv, j));
                    FloatVector.fromArray(S, sumG, j).add(gv).intoArray(sumG, j);
                    gv.fma(xh, FloatVector.fromArray(S, sumGx, j)).intoArray(sumGx, j);
                }
                for (; j < w; j++) {
                    float d = VectorMath.derivative(act, jy.data[jy.offset() + row + j]);
                    float gs = jdy.data[jdy.offset() + row + j] * d;
                    float xh = (jx.data[jx.offset() + row + j] - mean[j]) * inv[j];
                    sumG[j] = sumG[j] + gs;
                    sumGx[j] = Math.fma(gs, xh, sumGx[j]);
                }
            }
            for (int j = 0; j < w; j++) {
                dg.data[dg.offset() + j0 + j] += sumGx[j];
                db.data[db.offset() + j0 + j] += sumG[j];
            }
            if (jdx == null) {
                return;
            }
            // dx = k * (m * g - sumG - xhat * sumGx), k = gamma * invStd / m
            float[] k = new float[w];
            for (int j = 0; j < w; j++) {
                k[j] = g.data[g.offset() + j0 + j] * inv[j] / m;
            }
            for (int i = 0; i < m; i++) {
                int row = i * n + j0;
                int j = 0;
                for (; j < vw; j += L) {
                    FloatVector gv = FloatVector.fromArray(S, jdy.data, jdy.offset() + row + j)
                            .mul(VectorMath.derivative(act, FloatVector.fromArray(S, jy.data, jy.offset() + row + j)));
                    FloatVector xh = FloatVector.fromArray(S, jx.data, jx.offset() + row + j)
                            .sub(FloatVector.fromArray(S, mean, j)).mul(FloatVector.fromArray(S, inv, j));
                    FloatVector r = gv.mul((float) m).sub(FloatVector.fromArray(S, sumG, j))
                            .sub(xh.mul(FloatVector.fromArray(S, sumGx, j)));
                    r.mul(FloatVector.fromArray(S, k, j)).intoArray(jdx.data, jdx.offset() + row + j);
                }
                for (; j < w; j++) {
                    float d = VectorMath.derivative(act, jy.data[jy.offset() + row + j]);
                    float gs = jdy.data[jdy.offset() + row + j] * d;
                    float xh = (jx.data[jx.offset() + row + j] - mean[j]) * inv[j];
                    jdx.data[jdx.offset() + row + j] = (gs * m - sumG[j] - xh * sumGx[j]) * k[j];
                }
            }
        });
    }

    // ---- losses ----------------------------------------------------------------------------------------

    @Override
    public double squaredErrorColumn(Buffer pred, int column, Buffer target, float gradScale, Buffer grad) {
        JavaBuffer p = buf(pred, "pred");
        JavaBuffer t = buf(target, "target");
        JavaBuffer gr = grad == null ? null : buf(grad, "grad");
        int m = p.rows();
        int n = p.cols();
        if (column < 0 || column >= n) {
            throw new IndexOutOfBoundsException("squaredErrorColumn: column " + column + " outside 0.." + (n - 1));
        }
        if (t.size() != m) {
            throw new IllegalArgumentException("squaredErrorColumn: target has " + t.size() + " values for " + m
                    + " rows");
        }
        if (gr != null) {
            sameShape(p, gr, "squaredErrorColumn");
            Arrays.fill(gr.data, gr.offset(), gr.offset() + gr.size(), 0f);
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            float tv = t.data[t.offset() + i];
            if (Float.isNaN(tv)) {
                continue;
            }
            float d = p.data[p.offset() + i * n + column] - tv;
            sum += (double) d * d;
            if (gr != null) {
                gr.data[gr.offset() + i * n + column] = gradScale * 2 * d;
            }
        }
        return sum;
    }

    @Override
    public double squaredError(Buffer pred, Buffer target, float gradScale, Buffer grad, boolean accumulate) {
        JavaBuffer p = buf(pred, "pred");
        JavaBuffer t = buf(target, "target");
        JavaBuffer gr = grad == null ? null : buf(grad, "grad");
        sameSize(p, t, "squaredError");
        if (gr != null) {
            sameSize(p, gr, "squaredError");
        }
        int size = p.size();
        int tasks = tasks(size, CHUNK);
        double[] partial = new double[tasks];
        float twoScale = 2f * gradScale;
        pool.forEach(tasks, c -> {
            int from = c * CHUNK;
            int to = Math.min(size, from + CHUNK);
            FloatVector acc = FloatVector.zero(S);
            double sum = 0;
            int i = from;
            for (; i + L <= to; i += L) {
                FloatVector d = FloatVector.fromArray(S, p.data, p.offset() + i)
                        .sub(FloatVector.fromArray(S, t.data, t.offset() + i));
                acc = d.fma(d, acc);
                if (gr != null) {
                    FloatVector gv = d.mul(twoScale);
                    if (accumulate) {
                        gv = FloatVector.fromArray(S, gr.data, gr.offset() + i).add(gv);
                    }
                    gv.intoArray(gr.data, gr.offset() + i);
                }
                if (((i - from) & 1023) == 1024 - L) {
                    // fold the float lanes into double every 1024 elements to keep the sum accurate
                    sum += acc.reduceLanes(VectorOperators.ADD);
                    acc = FloatVector.zero(S);
                }
            }
            sum += acc.reduceLanes(VectorOperators.ADD);
            for (; i < to; i++) {
                float d = p.data[p.offset() + i] - t.data[t.offset() + i];
                sum += (double) d * d;
                if (gr != null) {
                    float gv = d * twoScale;
                    gr.data[gr.offset() + i] = accumulate ? gr.data[gr.offset() + i] + gv : gv;
                }
            }
            partial[c] = sum;
        });
        double total = 0;
        for (double s : partial) {
            total += s;
        }
        return total;
    }

    @Override
    public void rowMeanSquaredError(Buffer pred, Buffer target, Buffer out) {
        JavaBuffer p = buf(pred, "pred");
        JavaBuffer t = buf(target, "target");
        JavaBuffer o = buf(out, "out");
        sameShape(p, t, "rowMeanSquaredError");
        if (o.size() != p.rows()) {
            throw new IllegalArgumentException("rowMeanSquaredError: out has " + o.size() + " values for " + p.rows()
                    + " rows");
        }
        int n = p.cols();
        rows(p.rows(), n, i -> {
            double s = 0;
            for (int j = 0; j < n; j++) {
                double d = (double) p.data[p.offset() + i * n + j] - t.data[t.offset() + i * n + j];
                s += d * d;
            }
            o.data[o.offset() + i] = (float) (s / n);
        });
    }

    // ---- vector ops and optimiser ----------------------------------------------------------------------

    @Override
    public void scale(Buffer x, float alpha) {
        JavaBuffer jx = buf(x, "x");
        chunks(jx.size(), (from, to) -> {
            int i = from;
            for (; i + L <= to; i += L) {
                FloatVector.fromArray(S, jx.data, jx.offset() + i).mul(alpha).intoArray(jx.data, jx.offset() + i);
            }
            for (; i < to; i++) {
                jx.data[jx.offset() + i] *= alpha;
            }
        });
    }

    @Override
    public void axpy(float alpha, Buffer x, Buffer y) {
        JavaBuffer jx = buf(x, "x");
        JavaBuffer jy = buf(y, "y");
        sameSize(jx, jy, "axpy");
        chunks(jx.size(), (from, to) -> {
            int i = from;
            for (; i + L <= to; i += L) {
                FloatVector.fromArray(S, jx.data, jx.offset() + i)
                        .fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, jy.data, jy.offset() + i))
                        .intoArray(jy.data, jy.offset() + i);
            }
            for (; i < to; i++) {
                jy.data[jy.offset() + i] = Math.fma(jx.data[jx.offset() + i], alpha, jy.data[jy.offset() + i]);
            }
        });
    }

    @Override
    public void adam(Buffer params, Buffer grads, Buffer m, Buffer v, AdamSettings s, int step) {
        JavaBuffer p = buf(params, "params");
        JavaBuffer g = buf(grads, "grads");
        JavaBuffer jm = buf(m, "m");
        JavaBuffer jv = buf(v, "v");
        sameSize(p, g, "adam");
        sameSize(p, jm, "adam");
        sameSize(p, jv, "adam");
        if (step < 1) {
            throw new IllegalArgumentException("adam: step counts from 1, got " + step);
        }
        float b1 = s.beta1();
        float b2 = s.beta2();
        float c1 = 1 - b1;
        float c2 = 1 - b2;
        // lr / (1 - b1^t) and 1 / sqrt(1 - b2^t), in double then rounded once
        float stepSize = (float) (s.learningRate() / (1 - Math.pow(b1, step)));
        float invSqrtBc2 = (float) (1 / Math.sqrt(1 - Math.pow(b2, step)));
        float eps = s.epsilon();
        chunks(p.size(), (from, to) -> {
            int i = from;
            for (; i + L <= to; i += L) {
                FloatVector gv = FloatVector.fromArray(S, g.data, g.offset() + i);
                FloatVector mv = FloatVector.fromArray(S, jm.data, jm.offset() + i).mul(b1).add(gv.mul(c1));
                FloatVector vv = FloatVector.fromArray(S, jv.data, jv.offset() + i).mul(b2).add(gv.mul(gv).mul(c2));
                mv.intoArray(jm.data, jm.offset() + i);
                vv.intoArray(jv.data, jv.offset() + i);
                FloatVector denom = vv.sqrt().mul(invSqrtBc2).add(eps);
                FloatVector.fromArray(S, p.data, p.offset() + i).sub(mv.mul(stepSize).div(denom))
                        .intoArray(p.data, p.offset() + i);
            }
            for (; i < to; i++) {
                float gi = g.data[g.offset() + i];
                float mi = jm.data[jm.offset() + i] * b1 + gi * c1;
                float vi = jv.data[jv.offset() + i] * b2 + gi * gi * c2;
                jm.data[jm.offset() + i] = mi;
                jv.data[jv.offset() + i] = vi;
                float denom = (float) Math.sqrt(vi) * invSqrtBc2 + eps;
                p.data[p.offset() + i] = p.data[p.offset() + i] - mi * stepSize / denom;
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        pool.close();
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    private static int tasks(int size, int per) {
        return (size + per - 1) / per;
    }

    /** Fixed chunks of {@link #CHUNK} elements, each run by one thread. */
    private void chunks(int size, Range body) {
        int tasks = tasks(size, CHUNK);
        pool.forEach(tasks, c -> body.run(c * CHUNK, Math.min(size, (c + 1) * CHUNK)));
    }

    /** Whole rows, grouped so a task has about {@link #CHUNK} elements. */
    private void rows(int rows, int cols, java.util.function.IntConsumer body) {
        int perTask = Math.max(1, CHUNK / Math.max(1, cols));
        pool.forEach(tasks(rows, perTask), t -> {
            for (int i = t * perTask, end = Math.min(rows, i + perTask); i < end; i++) {
                body.accept(i);
            }
        });
    }

    private JavaBuffer vector(Buffer b, String role, int n) {
        JavaBuffer jb = buf(b, role);
        if (jb.size() != n) {
            throw new IllegalArgumentException(role + " has " + jb.size() + " values for " + n + " columns");
        }
        return jb;
    }

    private static boolean overlaps(JavaBuffer x, JavaBuffer y) {
        return x.data == y.data && x.offset() < y.offset() + y.size() && y.offset() < x.offset() + x.size()
                && x.size() > 0 && y.size() > 0;
    }

    private static void sameSize(JavaBuffer a, JavaBuffer b, String op) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(op + ": sizes differ: " + a.size() + " and " + b.size());
        }
    }

    private static void sameShape(JavaBuffer a, JavaBuffer b, String op) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(op + ": shapes differ: " + a.rows() + " x " + a.cols() + " and "
                    + b.rows() + " x " + b.cols());
        }
    }
}
