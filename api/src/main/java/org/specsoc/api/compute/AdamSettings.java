package org.specsoc.api.compute;

/** Adam hyper-parameters; the defaults are the paper authors' (lr 5e-5, beta1 0.99, beta2 0.999, eps 1e-8). */
public record AdamSettings(float learningRate, float beta1, float beta2, float epsilon) {

    public static AdamSettings authors() {
        return new AdamSettings(5e-5f, 0.99f, 0.999f, 1e-8f);
    }
}
