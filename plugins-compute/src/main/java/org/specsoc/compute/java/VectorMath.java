package org.specsoc.compute.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.specsoc.api.compute.Activation;

/**
 * Activations and exp on vectors, with scalar twins that perform the same float operations in the same
 * order (so a row's tail gets the same rounding as its vector body).
 *
 * <p>exp is Cephes' expf: round x/ln2 to n, reduce with a two-part ln2, a degree-6 polynomial, scale by 2^n
 * through the exponent bits. Relative error about 1.5e-7, well inside the 1e-6 the backend promises; it
 * avoids the JDK's vector EXP, whose result may differ from lane to lane implementation.
 */
final class VectorMath {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds to the nearest integer and leaves that integer in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float EXP_HI = 88.3f;
    private static final float EXP_LO = -87.3f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    private static final float SLOPE = Activation.LEAKY_SLOPE;

    private VectorMath() {
    }

    static float exp(float x) {
        if (x > EXP_HI) {
            return Float.POSITIVE_INFINITY;
        }
        if (x < EXP_LO) {
            return 0f;
        }
        float t = Math.fma(x, LOG2E, ROUNDER);
        float n = t - ROUNDER;
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float e = Math.fma(p, r * r, r) + 1f;
        int bits = (Float.floatToRawIntBits(t) - ROUNDER_BITS + 127) << 23;
        return e * Float.intBitsToFloat(bits);
    }

    static FloatVector exp(FloatVector x) {
        VectorMask<Float> high = x.compare(VectorOperators.GT, EXP_HI);
        VectorMask<Float> low = x.compare(VectorOperators.LT, EXP_LO);
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = xc.fma(LOG2E, ROUNDER);
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(S, P0).fma(r, FloatVector.broadcast(S, P1));
        p = p.fma(r, FloatVector.broadcast(S, P2));
        p = p.fma(r, FloatVector.broadcast(S, P3));
        p = p.fma(r, FloatVector.broadcast(S, P4));
        p = p.fma(r, FloatVector.broadcast(S, P5));
        FloatVector e = p.fma(r.mul(r), r).add(1f);
        IntVector bits = ((IntVector) t.reinterpretAsInts()).sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        FloatVector result = e.mul((FloatVector) bits.reinterpretAsFloats());
        return result.blend(Float.POSITIVE_INFINITY, high).blend(0f, low);
    }

    static float apply(Activation act, float x) {
        return switch (act) {
            case IDENTITY -> x;
            case RELU -> x > 0 ? x : 0f;
            case LEAKY_RELU -> x > 0 ? x : x * SLOPE;
            case SIGMOID -> sigmoid(x);
            case LEAKY_RELU_SIGMOID -> sigmoid(x > 0 ? x : x * SLOPE);
        };
    }

    static FloatVector apply(Activation act, FloatVector x) {
        return switch (act) {
            case IDENTITY -> x;
            case RELU -> relu(x);
            case LEAKY_RELU -> leaky(x);
            case SIGMOID -> sigmoid(x);
            case LEAKY_RELU_SIGMOID -> sigmoid(leaky(x));
        };
    }

    static FloatVector relu(FloatVector x) {
        return FloatVector.zero(S).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    static FloatVector leaky(FloatVector x) {
        return x.mul(SLOPE).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }

    static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(S, 1f).div(exp(x.neg()).add(1f));
    }

    /** dy/dx written through the output y (see {@link Activation#derivativeFromOutput}). */
    static float derivative(Activation act, float y) {
        return switch (act) {
            case IDENTITY -> 1f;
            case RELU -> y > 0 ? 1f : 0f;
            case LEAKY_RELU -> y > 0 ? 1f : SLOPE;
            case SIGMOID -> y * (1f - y);
            case LEAKY_RELU_SIGMOID -> y * (1f - y) * (y > 0.5f ? 1f : SLOPE);
        };
    }

    static FloatVector derivative(Activation act, FloatVector y) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return switch (act) {
            case IDENTITY -> one;
            case RELU -> FloatVector.zero(S).blend(one, y.compare(VectorOperators.GT, 0f));
            case LEAKY_RELU -> FloatVector.broadcast(S, SLOPE).blend(one, y.compare(VectorOperators.GT, 0f));
            case SIGMOID -> y.mul(one.sub(y));
            case LEAKY_RELU_SIGMOID -> y.mul(one.sub(y))
                    .mul(FloatVector.broadcast(S, SLOPE).blend(one, y.compare(VectorOperators.GT, 0.5f)));
        };
    }
}
