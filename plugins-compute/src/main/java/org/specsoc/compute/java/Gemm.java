package org.specsoc.compute.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.specsoc.api.compute.Activation;
import org.specsoc.api.compute.GemmLayout;

/**
 * Register-blocked, packed SGEMM: {@code C = act(op(A) . op(B) + bias)} or {@code C += op(A) . op(B)}.
 *
 * <p>B is packed once per call into panels of {@link #NR} columns (two vectors), zero-padded at the right
 * edge, p-major inside a panel, so the micro-kernel reads it with unit stride whatever the layout. A is read
 * in place (four rows at a time, broadcast one element per row and step). The micro-kernel keeps a 4 x 2-vector
 * tile of C in eight registers. K is cut into blocks of {@link #KC} so a B micro-panel stays in L1 while the
 * rows of a tile stream past it.
 *
 * <p>Determinism: C is cut into tiles of whole micro-tiles and each tile is computed by one task over all of
 * K, block after block in order; an element's sum is therefore formed in the same order whatever the tile
 * sizes or the number of threads ((block0 + block1) + ...), then bias, then activation.
 */
final class Gemm {
    private static final VectorSpecies<Float> S = VectorMath.S;
    private static final int L = VectorMath.L;
    static final int NR = 2 * L;
    static final int MR = 4;
    static final int KC = 256;
    /** Rows of a tile (a whole number of micro-tiles); smaller for small problems so every thread gets work. */
    private static final int MC = 16 * MR;
    /** Panels in a tile. */
    private static final int NC_PANELS = 4;

    private float[] packed = new float[0];

    /**
     * @param lda row stride of A as stored; ldb likewise for B; C is dense m x n
     */
    void multiply(WorkPool pool, GemmLayout layout, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                  float[] c, int cOff, int m, int n, int k, float[] bias, int biasOff, Activation act,
                  boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            emptyProduct(c, cOff, m, n, bias, biasOff, act, accumulate);
            return;
        }
        int panels = (n + NR - 1) / NR;
        long need = (long) panels * k * NR;
        if (need > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("matrix too large to pack: " + k + " x " + n);
        }
        if (packed.length < need) {
            packed = new float[(int) need];
        }
        float[] bp = packed;
        boolean transposedB = layout == GemmLayout.NT;
        pool.forEach(panels, q -> packPanel(b, bOff, ldb, transposedB, bp, q, n, k));

        // op(A)(i, p) = a[aOff + i * rowStep + p * colStep]
        int rowStep = layout == GemmLayout.TN ? 1 : lda;
        int colStep = layout == GemmLayout.TN ? lda : 1;
        int nGroups = (panels + NC_PANELS - 1) / NC_PANELS;
        int wantedMBlocks = Math.max(1, (4 * pool.threads() + nGroups - 1) / nGroups);
        int microRows = (m + MR - 1) / MR;
        int mc = MR * Math.max(1, Math.min(MC / MR, (microRows + wantedMBlocks - 1) / wantedMBlocks));
        int mBlocks = (m + mc - 1) / mc;
        pool.forEach(mBlocks * nGroups, task -> {
            int i0 = (task / nGroups) * mc;
            int q0 = (task % nGroups) * NC_PANELS;
            tile(a, aOff, rowStep, colStep, bp, c, cOff, m, n, k, i0, Math.min(m, i0 + mc), q0,
                    Math.min(panels, q0 + NC_PANELS), bias, biasOff, act, accumulate);
        });
    }

    private static void packPanel(float[] b, int bOff, int ldb, boolean transposed, float[] bp, int q, int n, int k) {
        int j0 = q * NR;
        int w = Math.min(NR, n - j0);
        int base = q * k * NR;
        if (!transposed) {
            for (int p = 0; p < k; p++) {
                int dst = base + p * NR;
                System.arraycopy(b, bOff + p * ldb + j0, bp, dst, w);
                for (int j = w; j < NR; j++) {
                    bp[dst + j] = 0f;
                }
            }
        } else {
            for (int j = 0; j < NR; j++) {
                if (j < w) {
                    int src = bOff + (j0 + j) * ldb;
                    for (int p = 0; p < k; p++) {
                        bp[base + p * NR + j] = b[src + p];
                    }
                } else {
                    for (int p = 0; p < k; p++) {
                        bp[base + p * NR + j] = 0f;
                    }
                }
            }
        }
    }

    private static void tile(float[] a, int aOff, int rowStep, int colStep, float[] bp, float[] c, int cOff,
                             int m, int n, int k, int i0, int i1, int q0, int q1, float[] bias, int biasOff,
                             Activation act, boolean accumulate) {
        float[] scratch = new float[MR * NR];
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            boolean addC = accumulate || k0 > 0;
            boolean epilogue = !accumulate && k0 + kc == k;
            for (int q = q0; q < q1; q++) {
                int j0 = q * NR;
                int cols = Math.min(NR, n - j0);
                int bo = q * k * NR + k0 * NR;
                for (int i = i0; i < i1; i += MR) {
                    int rows = Math.min(MR, m - i);
                    // rows past the end read the last row again; their results are never stored
                    int r0 = aOff + i * rowStep + k0 * colStep;
                    int r1 = aOff + Math.min(i + 1, m - 1) * rowStep + k0 * colStep;
                    int r2 = aOff + Math.min(i + 2, m - 1) * rowStep + k0 * colStep;
                    int r3 = aOff + Math.min(i + 3, m - 1) * rowStep + k0 * colStep;
                    int co = cOff + i * n + j0;
                    if (rows == MR && cols == NR) {
                        kernel(kc, a, r0, r1, r2, r3, colStep, bp, bo, c, co, n, addC);
                    } else {
                        kernel(kc, a, r0, r1, r2, r3, colStep, bp, bo, scratch, 0, NR, false);
                        merge(scratch, c, co, n, rows, cols, addC);
                    }
                }
            }
            if (epilogue) {
                // once per row of the tile, over all its panels: a call per micro-tile row (two vectors) cost
                // more than the products themselves when K is small (93)
                int j0 = q0 * NR;
                int width = Math.min(n, q1 * NR) - j0;
                for (int r = i0; r < i1; r++) {
                    Epilogue.biasActivation(c, cOff + r * n + j0, width, bias, biasOff + j0, act);
                }
            }
        }
    }

    /**
     * The 4 x 2-vector micro-kernel: out[4 rows at co, stride ld][NR] (+)= op(A)[4 rows, kc] . packed B panel
     * [kc, NR]. Full tiles go straight to C; edge tiles go to a scratch tile first.
     */
    private static void kernel(int kc, float[] a, int r0, int r1, int r2, int r3, int step, float[] bp, int bo,
                               float[] out, int co, int ld, boolean addC) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        int ia = 0;
        int ib = bo;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, ib);
            FloatVector b1 = FloatVector.fromArray(S, bp, ib + L);
            FloatVector a0 = FloatVector.broadcast(S, a[r0 + ia]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[r1 + ia]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[r2 + ia]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[r3 + ia]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            ia += step;
            ib += NR;
        }
        if (addC) {
            c00 = FloatVector.fromArray(S, out, co).add(c00);
            c01 = FloatVector.fromArray(S, out, co + L).add(c01);
            c10 = FloatVector.fromArray(S, out, co + ld).add(c10);
            c11 = FloatVector.fromArray(S, out, co + ld + L).add(c11);
            c20 = FloatVector.fromArray(S, out, co + 2 * ld).add(c20);
            c21 = FloatVector.fromArray(S, out, co + 2 * ld + L).add(c21);
            c30 = FloatVector.fromArray(S, out, co + 3 * ld).add(c30);
            c31 = FloatVector.fromArray(S, out, co + 3 * ld + L).add(c31);
        }
        c00.intoArray(out, co);
        c01.intoArray(out, co + L);
        c10.intoArray(out, co + ld);
        c11.intoArray(out, co + ld + L);
        c20.intoArray(out, co + 2 * ld);
        c21.intoArray(out, co + 2 * ld + L);
        c30.intoArray(out, co + 3 * ld);
        c31.intoArray(out, co + 3 * ld + L);
    }

    /** Moves a micro-tile's sums into C (adding to what is there when addC). */
    private static void merge(float[] scratch, float[] c, int co, int ldc, int rows, int cols, boolean addC) {
        if (cols == NR) {
            for (int r = 0; r < rows; r++) {
                int at = co + r * ldc;
                FloatVector v0 = FloatVector.fromArray(S, scratch, r * NR);
                FloatVector v1 = FloatVector.fromArray(S, scratch, r * NR + L);
                if (addC) {
                    v0 = FloatVector.fromArray(S, c, at).add(v0);
                    v1 = FloatVector.fromArray(S, c, at + L).add(v1);
                }
                v0.intoArray(c, at);
                v1.intoArray(c, at + L);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int at = co + r * ldc + j;
                float v = scratch[r * NR + j];
                c[at] = addC ? c[at] + v : v;
            }
        }
    }

    private static void emptyProduct(float[] c, int cOff, int m, int n, float[] bias, int biasOff, Activation act,
                                     boolean accumulate) {
        if (accumulate) {
            return;
        }
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(c, cOff + i * n, cOff + (i + 1) * n, 0f);
            Epilogue.biasActivation(c, cOff + i * n, n, bias, biasOff, act);
        }
    }
}
