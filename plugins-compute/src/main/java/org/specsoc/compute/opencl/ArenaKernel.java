package org.specsoc.compute.opencl;

import com.aparapi.Kernel;

/**
 * The one Aparapi kernel of the OpenCL backend. Every buffer lives in {@link #arena} (a buffer is an offset into
 * it), and {@link #run()} dispatches on {@link #op}, so the OpenCL program is generated and built once at start-up
 * and a launch only sets scalar fields. Aparapi translates this class's bytecode to OpenCL C, which is why the
 * code is written in the small subset it accepts: flat float/int arrays, if/else instead of switch, no objects,
 * no {@code break}, float maths through Kernel's own {@code exp}/{@code sqrt} (Math.* would need fp64).
 *
 * <p>Host/device transfers go only through the small fixed-size arrays {@link #stage} and {@link #partial}
 * (and {@link #index} for gathers); the arena itself never crosses the bus after start-up, because Aparapi can only
 * copy whole arrays and the arena holds the resident spectra.
 */
final class ArenaKernel extends Kernel {

    static final int OP_GEMM = 1;
    static final int OP_FILL = 2;
    static final int OP_COPY = 3;
    static final int OP_GATHER = 4;
    static final int OP_COLUMN_SUMS = 5;
    static final int OP_ACTIVATION = 6;
    static final int OP_ACTIVATION_BACKWARD = 7;
    static final int OP_SOFTMAX = 8;
    static final int OP_SOFTMAX_BACKWARD = 9;
    static final int OP_BATCH_NORM = 10;
    static final int OP_BATCH_NORM_BACKWARD = 11;
    static final int OP_SQUARED_ERROR_COLUMN = 12;
    static final int OP_SQUARED_ERROR = 13;
    static final int OP_ROW_MSE = 14;
    static final int OP_SCALE = 15;
    static final int OP_AXPY = 16;
    static final int OP_ADAM = 17;
    static final int OP_STAGE_IN = 18;
    static final int OP_STAGE_OUT = 19;
    static final int OP_PARTIAL_IN = 20;
    static final int OP_PARTIAL_OUT = 21;

    /** Activation codes: the ordinals of {@link org.specsoc.api.compute.Activation}. */
    static final int ACT_IDENTITY = 0;
    static final int ACT_RELU = 1;
    static final int ACT_LEAKY_RELU = 2;
    static final int ACT_SIGMOID = 3;
    static final int ACT_LEAKY_RELU_SIGMOID = 4;

    static final int LAYOUT_NN = 0;
    static final int LAYOUT_NT = 1;
    static final int LAYOUT_TN = 2;

    static final int BN_TRAINING = 0;
    static final int BN_INFERENCE = 1;
    static final int BN_BATCH_STATISTICS = 2;

    /** GEMM tile edge; a 16 x 16 work group computes a TILE x TILE block of C, 2 x 2 outputs per work item. */
    static final int TILE = 32;
    static final int GROUP = 16;
    /** Row pitch of the local tiles, padded by one to spread local-memory banks. */
    static final int PITCH = TILE + 1;
    /** Work-group size of the one-dimensional launches. */
    static final int LINEAR_GROUP = 64;

    /** Floats at the start of the arena reserved for the sentinel (see OpenClBackend#checkSentinel). */
    static final int SENTINEL_FLOATS = 16;
    /** The value the device keeps in arena[0]; the host copy of arena[0] stays 0. */
    static final float SENTINEL = 7.25e29f;
    /** Slot of {@link #partial} where reductions and small downloads report arena[0]. */
    static final int PARTIAL_SENTINEL_SLOT = 4095;

    float[] arena;
    float[] stage;
    float[] partial;
    int[] index;

    @Local final float[] tileA = new float[TILE * PITCH];
    @Local final float[] tileB = new float[TILE * PITCH];

    int op;
    int m;
    int n;
    int k;
    int count;
    int chunk;
    int act;
    int flag;
    int layout;
    int lda;
    int ldb;
    int oa;
    int ob;
    int oc;
    int od;
    int oe;
    int of;
    int og;
    int oh;
    float f0;
    float f1;
    float f2;
    float f3;
    float f4;
    float f5;

    ArenaKernel(float[] arena, int stageCapacity, int partialCapacity, int indexCapacity) {
        this.arena = arena;
        this.stage = new float[stageCapacity];
        this.partial = new float[partialCapacity];
        this.index = new int[indexCapacity];
    }

    @Override
    public void run() {
        if (op == OP_GEMM) {
            gemm();
        } else if (op == OP_BATCH_NORM) {
            batchNorm();
        } else if (op == OP_BATCH_NORM_BACKWARD) {
            batchNormBackward();
        } else if (op == OP_SOFTMAX) {
            softmax();
        } else if (op == OP_SOFTMAX_BACKWARD) {
            softmaxBackward();
        } else if (op == OP_COLUMN_SUMS) {
            columnSums();
        } else if (op == OP_SQUARED_ERROR_COLUMN) {
            squaredErrorColumn();
        } else if (op == OP_SQUARED_ERROR) {
            squaredError();
        } else if (op == OP_ROW_MSE) {
            rowMeanSquaredError();
        } else {
            elementWise();
        }
        reportSentinel();
    }

    /**
     * Operations whose results the host reads back also report arena[0] (kept as it is by the ops above) into the
     * partial array's last slot. A separate method because Aparapi's bytecode folding rejects the nested ifs this
     * would need inside the dispatch chain.
     */
    void reportSentinel() {
        if (op == OP_PARTIAL_OUT || op == OP_STAGE_OUT || op == OP_SQUARED_ERROR || op == OP_SQUARED_ERROR_COLUMN) {
            if (getGlobalId(0) == 0) {
                partial[PARTIAL_SENTINEL_SLOT] = arena[0];
            }
        }
    }

    float activate(float x, int a) {
        float y = x;
        if (a == ACT_RELU) {
            y = x > 0f ? x : 0f;
        } else if (a == ACT_LEAKY_RELU) {
            y = x > 0f ? x : 0.01f * x;
        } else if (a == ACT_SIGMOID) {
            y = 1f / (1f + exp(-x));
        } else if (a == ACT_LEAKY_RELU_SIGMOID) {
            float l = x > 0f ? x : 0.01f * x;
            y = 1f / (1f + exp(-l));
        }
        return y;
    }

    float derivativeFromOutput(float y, int a) {
        float d = 1f;
        if (a == ACT_RELU) {
            d = y > 0f ? 1f : 0f;
        } else if (a == ACT_LEAKY_RELU) {
            d = y > 0f ? 1f : 0.01f;
        } else if (a == ACT_SIGMOID) {
            d = y * (1f - y);
        } else if (a == ACT_LEAKY_RELU_SIGMOID) {
            d = y * (1f - y) * (y > 0.5f ? 1f : 0.01f);
        }
        return d;
    }

    /** op(A)[i, p]: A at oa, stored m x k (NN, NT) or k x m (TN), row pitch lda. */
    float loadA(int i, int p) {
        float v = 0f;
        if (i < m && p < k) {
            if (layout == LAYOUT_TN) {
                v = arena[oa + p * lda + i];
            } else {
                v = arena[oa + i * lda + p];
            }
        }
        return v;
    }

    /** op(B)[p, j]: B at ob, stored k x n (NN, TN) or n x k (NT), row pitch ldb. */
    float loadB(int p, int j) {
        float v = 0f;
        if (p < k && j < n) {
            if (layout == LAYOUT_NT) {
                v = arena[ob + j * ldb + p];
            } else {
                v = arena[ob + p * ldb + j];
            }
        }
        return v;
    }

    void storeC(int i, int j, float s) {
        if (i < m && j < n) {
            int at = oc + i * n + j;
            if (flag == 1) {
                arena[at] = arena[at] + s;
            } else {
                float v = s;
                if (od >= 0) {
                    v = v + arena[od + j];
                }
                arena[at] = activate(v, act);
            }
        }
    }

    /**
     * C (m x n at oc) = act(op(A) op(B) + bias at od), or C += op(A) op(B) when flag is 1. Each 16 x 16 group
     * stages 32 x 32 tiles of A and B in local memory; the loads are arranged so that neighbouring work items
     * read neighbouring addresses in every layout.
     */
    void gemm() {
        int lx = getLocalId(0);
        int ly = getLocalId(1);
        int col0 = getGroupId(0) * TILE;
        int row0 = getGroupId(1) * TILE;
        int lid = ly * GROUP + lx;
        float c00 = 0f;
        float c01 = 0f;
        float c10 = 0f;
        float c11 = 0f;
        for (int t = 0; t < k; t += TILE) {
            for (int q = 0; q < 4; q++) {
                int e = lid + q * GROUP * GROUP;
                int fast = e % TILE;
                int slow = e / TILE;
                // A tile element (r, c) = op(A)[row0 + r, t + c]
                if (layout == LAYOUT_TN) {
                    tileA[fast * PITCH + slow] = loadA(row0 + fast, t + slow);
                } else {
                    tileA[slow * PITCH + fast] = loadA(row0 + slow, t + fast);
                }
                // B tile element (r, c) = op(B)[t + r, col0 + c]
                if (layout == LAYOUT_NT) {
                    tileB[fast * PITCH + slow] = loadB(t + fast, col0 + slow);
                } else {
                    tileB[slow * PITCH + fast] = loadB(t + slow, col0 + fast);
                }
            }
            localBarrier();
            for (int p = 0; p < TILE; p++) {
                float a0 = tileA[ly * PITCH + p];
                float a1 = tileA[(ly + GROUP) * PITCH + p];
                float b0 = tileB[p * PITCH + lx];
                float b1 = tileB[p * PITCH + lx + GROUP];
                c00 += a0 * b0;
                c01 += a0 * b1;
                c10 += a1 * b0;
                c11 += a1 * b1;
            }
            localBarrier();
        }
        storeC(row0 + ly, col0 + lx, c00);
        storeC(row0 + ly, col0 + lx + GROUP, c01);
        storeC(row0 + ly + GROUP, col0 + lx, c10);
        storeC(row0 + ly + GROUP, col0 + lx + GROUP, c11);
    }

    /** out (1 x n at ob) = column sums of x (m x n at oa), or += when flag is 1. One work item per column. */
    void columnSums() {
        int j = getGlobalId(0);
        if (j < n) {
            float s = 0f;
            for (int i = 0; i < m; i++) {
                s += arena[oa + i * n + j];
            }
            if (flag == 1) {
                arena[ob + j] = arena[ob + j] + s;
            } else {
                arena[ob + j] = s;
            }
        }
    }

    /** Row-wise softmax of x (oa) into y (ob); y may alias x. One work item per row. */
    void softmax() {
        int i = getGlobalId(0);
        if (i < m) {
            int row = i * n;
            float mx = arena[oa + row];
            for (int j = 1; j < n; j++) {
                mx = max(mx, arena[oa + row + j]);
            }
            float s = 0f;
            for (int j = 0; j < n; j++) {
                float e = exp(arena[oa + row + j] - mx);
                arena[ob + row + j] = e;
                s += e;
            }
            float inv = 1f / s;
            for (int j = 0; j < n; j++) {
                arena[ob + row + j] = arena[ob + row + j] * inv;
            }
        }
    }

    /** dx (oc) = y (oa) * (dy (ob) - rowsum(dy * y)); dx may alias dy. */
    void softmaxBackward() {
        int i = getGlobalId(0);
        if (i < m) {
            int row = i * n;
            float dot = 0f;
            for (int j = 0; j < n; j++) {
                dot += arena[ob + row + j] * arena[oa + row + j];
            }
            for (int j = 0; j < n; j++) {
                arena[oc + row + j] = arena[oa + row + j] * (arena[ob + row + j] - dot);
            }
        }
    }

    /**
     * BatchNorm1d per column (one work item each): x oa, gamma ob, beta oc, running mean od, running var oe,
     * save mean of, save invStd og, y oh; f0 momentum, f1 eps, flag the mode.
     */
    void batchNorm() {
        int j = getGlobalId(0);
        if (j < n) {
            float mean = 0f;
            float var = 0f;
            if (flag == BN_INFERENCE) {
                mean = arena[od + j];
                var = arena[oe + j];
            } else {
                float s = 0f;
                for (int i = 0; i < m; i++) {
                    s += arena[oa + i * n + j];
                }
                mean = s / m;
                float ss = 0f;
                for (int i = 0; i < m; i++) {
                    float d = arena[oa + i * n + j] - mean;
                    ss += d * d;
                }
                var = ss / m;
                if (flag == BN_TRAINING) {
                    float unbiased = var;
                    if (m > 1) {
                        unbiased = ss / (m - 1);
                    }
                    arena[od + j] = (1f - f0) * arena[od + j] + f0 * mean;
                    arena[oe + j] = (1f - f0) * arena[oe + j] + f0 * unbiased;
                }
            }
            float invStd = 1f / sqrt(var + f1);
            arena[of + j] = mean;
            arena[og + j] = invStd;
            float g = arena[ob + j] * invStd;
            float b = arena[oc + j];
            for (int i = 0; i < m; i++) {
                int at = i * n + j;
                arena[oh + at] = activate(g * (arena[oa + at] - mean) + b, act);
            }
        }
    }

    /**
     * BatchNorm1d backward per column: x oa, y ob, dy oc, gamma od, save mean oe, save invStd of, dx og (or -1),
     * dGamma oh, dBeta at ldb (an offset too; the field is free here).
     */
    void batchNormBackward() {
        int j = getGlobalId(0);
        if (j < n) {
            float mean = arena[oe + j];
            float invStd = arena[of + j];
            float sumG = 0f;
            float sumGx = 0f;
            for (int i = 0; i < m; i++) {
                int at = i * n + j;
                float g = arena[oc + at] * derivativeFromOutput(arena[ob + at], act);
                sumG += g;
                sumGx += g * (arena[oa + at] - mean) * invStd;
            }
            arena[oh + j] = arena[oh + j] + sumGx;
            arena[ldb + j] = arena[ldb + j] + sumG;
            if (og >= 0) {
                float scale = arena[od + j] * invStd / m;
                for (int i = 0; i < m; i++) {
                    int at = i * n + j;
                    float g = arena[oc + at] * derivativeFromOutput(arena[ob + at], act);
                    float xhat = (arena[oa + at] - mean) * invStd;
                    arena[og + at] = scale * (m * g - sumG - xhat * sumGx);
                }
            }
        }
    }

    /**
     * Squared error of column {@code k} of pred (oa, m x n) against target (ob, m x 1, NaN = unlabelled). Work item
     * w handles rows [w * chunk, (w + 1) * chunk): it writes its sum to partial[w] and, when oc &gt;= 0, the gradient
     * rows (f0 = gradScale) at oc.
     */
    void squaredErrorColumn() {
        int w = getGlobalId(0);
        if (w < count) {
            float s = 0f;
            int end = min(m, (w + 1) * chunk);
            for (int i = w * chunk; i < end; i++) {
                float t = arena[ob + i];
                if (oc >= 0) {
                    for (int j = 0; j < n; j++) {
                        arena[oc + i * n + j] = 0f;
                    }
                }
                // NaN marks an unlabelled row. Not written as t == t: under -cl-fast-relaxed-math (which pocl users set
                // through POCL_EXTRA_BUILD_FLAGS) the compiler may assume no NaNs and fold that to true; an ordered
                // range comparison still evaluates false for NaN.
                if (t > -1e37f && t < 1e37f) {
                    float d = arena[oa + i * n + k] - t;
                    s += d * d;
                    if (oc >= 0) {
                        arena[oc + i * n + k] = f0 * 2f * d;
                    }
                }
            }
            partial[w] = s;
        }
    }

    /** sum((pred oa - target ob)^2) over `m` elements in chunks into partial; grad (oc or -1) = f0 * 2 * d (+= if flag). */
    void squaredError() {
        int w = getGlobalId(0);
        if (w < count) {
            float s = 0f;
            int end = min(m, (w + 1) * chunk);
            for (int i = w * chunk; i < end; i++) {
                float d = arena[oa + i] - arena[ob + i];
                s += d * d;
                if (oc >= 0) {
                    if (flag == 1) {
                        arena[oc + i] = arena[oc + i] + f0 * 2f * d;
                    } else {
                        arena[oc + i] = f0 * 2f * d;
                    }
                }
            }
            partial[w] = s;
        }
    }

    /** out (oc, m x 1) = per-row mean of (pred oa - target ob)^2. */
    void rowMeanSquaredError() {
        int i = getGlobalId(0);
        if (i < m) {
            float s = 0f;
            for (int j = 0; j < n; j++) {
                float d = arena[oa + i * n + j] - arena[ob + i * n + j];
                s += d * d;
            }
            arena[oc + i] = s / n;
        }
    }

    /** The element-wise ops: one work item per element, `count` elements. */
    void elementWise() {
        int i = getGlobalId(0);
        if (i < count) {
            if (op == OP_FILL) {
                arena[oa + i] = f0;
            } else if (op == OP_COPY) {
                arena[ob + i] = arena[oa + i];
            } else if (op == OP_GATHER) {
                int r = i / n;
                int c = i - r * n;
                arena[ob + i] = arena[oa + index[r] * n + c];
            } else if (op == OP_ACTIVATION) {
                arena[ob + i] = activate(arena[oa + i], act);
            } else if (op == OP_ACTIVATION_BACKWARD) {
                arena[oc + i] = arena[ob + i] * derivativeFromOutput(arena[oa + i], act);
            } else if (op == OP_SCALE) {
                arena[oa + i] = arena[oa + i] * f0;
            } else if (op == OP_AXPY) {
                arena[ob + i] = arena[ob + i] + f0 * arena[oa + i];
            } else if (op == OP_ADAM) {
                adam(i);
            } else if (op == OP_STAGE_IN) {
                arena[oa + i] = stage[i];
            } else if (op == OP_STAGE_OUT) {
                stage[i] = arena[oa + i];
            } else if (op == OP_PARTIAL_IN) {
                arena[oa + i] = partial[i];
            } else if (op == OP_PARTIAL_OUT) {
                partial[i] = arena[oa + i];
            }
        }
    }

    /** params oa, grads ob, m oc, v od; f0 lr, f1 beta1, f2 beta2, f3 eps, f4 1 - beta1^t, f5 1 - beta2^t. */
    void adam(int i) {
        float g = arena[ob + i];
        float mi = f1 * arena[oc + i] + (1f - f1) * g;
        float vi = f2 * arena[od + i] + (1f - f2) * g * g;
        arena[oc + i] = mi;
        arena[od + i] = vi;
        arena[oa + i] = arena[oa + i] - f0 * (mi / f4) / (sqrt(vi / f5) + f3);
    }
}
