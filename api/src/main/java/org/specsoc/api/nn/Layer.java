package org.specsoc.api.nn;

import org.specsoc.api.compute.Buffer;
import org.specsoc.api.model.NetworkPart;

/** One layer of a {@link Sequential} stack. */
public interface Layer extends NetworkPart {

    /** Width of the input rows. */
    int inputs();

    /** Width of the output rows. */
    int outputs();

    /**
     * Backward pass; with {@code inputGradient} false the input gradient is not computed (the first layer of
     * a network, whose input is data) and null is returned.
     */
    Buffer backward(Buffer dOut, boolean inputGradient);

    @Override
    default Buffer backward(Buffer dOut) {
        return backward(dOut, true);
    }
}
