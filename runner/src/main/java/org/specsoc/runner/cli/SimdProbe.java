package org.specsoc.runner.cli;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API's preferred float species. Kept in its own class: when the JVM runs without
 * {@code --add-modules jdk.incubator.vector} loading it fails with a {@link LinkageError}, which the caller
 * reports instead of crashing.
 */
final class SimdProbe {
    private SimdProbe() {
    }

    static String describe() {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        return species.vectorBitSize() + "-bit vectors (" + species.length() + " floats per vector, Vector API"
                + " preferred species)";
    }
}
