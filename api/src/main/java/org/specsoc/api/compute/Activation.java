package org.specsoc.api.compute;

/**
 * Element-wise activations. Every derivative is expressed through the activation's output y, so backward
 * passes need only the forward output.
 */
public enum Activation {
    IDENTITY,
    RELU,
    /** LeakyReLU with slope {@link #LEAKY_SLOPE} (PyTorch's default). */
    LEAKY_RELU,
    SIGMOID,
    /** sigmoid(leaky_relu(x)): the ANN decoder's output; its pre-activation is positive exactly when y &gt; 0.5. */
    LEAKY_RELU_SIGMOID;

    public static final float LEAKY_SLOPE = 0.01f;

    /** Reference scalar forward (double), the definition the backends must match. */
    public double apply(double x) {
        return switch (this) {
            case IDENTITY -> x;
            case RELU -> x > 0 ? x : 0;
            case LEAKY_RELU -> x > 0 ? x : LEAKY_SLOPE * x;
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case LEAKY_RELU_SIGMOID -> 1 / (1 + Math.exp(-(x > 0 ? x : LEAKY_SLOPE * x)));
        };
    }

    /** Reference derivative dy/dx written in terms of the output y. */
    public double derivativeFromOutput(double y) {
        return switch (this) {
            case IDENTITY -> 1;
            case RELU -> y > 0 ? 1 : 0;
            case LEAKY_RELU -> y > 0 ? 1 : LEAKY_SLOPE;
            case SIGMOID -> y * (1 - y);
            case LEAKY_RELU_SIGMOID -> y * (1 - y) * (y > 0.5 ? 1 : LEAKY_SLOPE);
        };
    }
}
