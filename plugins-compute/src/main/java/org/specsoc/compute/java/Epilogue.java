package org.specsoc.compute.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.specsoc.api.compute.Activation;

/**
 * Bias and activation over a run of floats, applied while a GEMM tile is still in cache. One small loop per
 * activation, each calling its activation directly: the JIT must inline every Vector API call to keep vectors
 * in registers, and a single method holding every activation (exp included) grows past its inlining budget;
 * going through {@link VectorMath#apply(Activation, FloatVector)}'s switch cost a 93-deep GEMM a quarter of its
 * speed once training had run (most likely the switch was no longer inlined under training's profile, so the
 * vectors were boxed).
 */
final class Epilogue {
    private static final VectorSpecies<Float> S = VectorMath.S;
    private static final int L = VectorMath.L;

    private Epilogue() {
    }

    /** x[off..off+len) = act(x + bias[b0..]); bias may be null. */
    static void biasActivation(float[] x, int off, int len, float[] bias, int b0, Activation act) {
        if (bias != null) {
            addBias(x, off, len, bias, b0);
        }
        activate(act, x, off, x, off, len);
    }

    static void addBias(float[] x, int off, int len, float[] bias, int b0) {
        int j = 0;
        for (; j + L <= len; j += L) {
            FloatVector.fromArray(S, x, off + j).add(FloatVector.fromArray(S, bias, b0 + j)).intoArray(x, off + j);
        }
        for (; j < len; j++) {
            x[off + j] = x[off + j] + bias[b0 + j];
        }
    }

    /** y[yo..yo+len) = act(x[xo..]); may work in place. */
    static void activate(Activation act, float[] x, int xo, float[] y, int yo, int len) {
        switch (act) {
            case IDENTITY -> {
                if (x != y || xo != yo) {
                    System.arraycopy(x, xo, y, yo, len);
                }
            }
            case RELU -> relu(x, xo, y, yo, len);
            case LEAKY_RELU -> leaky(x, xo, y, yo, len);
            case SIGMOID -> sigmoid(x, xo, y, yo, len);
            case LEAKY_RELU_SIGMOID -> leakySigmoid(x, xo, y, yo, len);
        }
    }

    private static void relu(float[] x, int xo, float[] y, int yo, int len) {
        int j = 0;
        for (; j + L <= len; j += L) {
            VectorMath.relu(FloatVector.fromArray(S, x, xo + j)).intoArray(y, yo + j);
        }
        for (; j < len; j++) {
            y[yo + j] = VectorMath.apply(Activation.RELU, x[xo + j]);
        }
    }

    private static void leaky(float[] x, int xo, float[] y, int yo, int len) {
        int j = 0;
        for (; j + L <= len; j += L) {
            VectorMath.leaky(FloatVector.fromArray(S, x, xo + j)).intoArray(y, yo + j);
        }
        for (; j < len; j++) {
            y[yo + j] = VectorMath.apply(Activation.LEAKY_RELU, x[xo + j]);
        }
    }

    private static void sigmoid(float[] x, int xo, float[] y, int yo, int len) {
        int j = 0;
        for (; j + L <= len; j += L) {
            VectorMath.sigmoid(FloatVector.fromArray(S, x, xo + j)).intoArray(y, yo + j);
        }
        for (; j < len; j++) {
            y[yo + j] = VectorMath.sigmoid(x[xo + j]);
        }
    }

    private static void leakySigmoid(float[] x, int xo, float[] y, int yo, int len) {
        int j = 0;
        for (; j + L <= len; j += L) {
            VectorMath.sigmoid(VectorMath.leaky(FloatVector.fromArray(S, x, xo + j))).intoArray(y, yo + j);
        }
        for (; j < len; j++) {
            y[yo + j] = VectorMath.apply(Activation.LEAKY_RELU_SIGMOID, x[xo + j]);
        }
    }
}
