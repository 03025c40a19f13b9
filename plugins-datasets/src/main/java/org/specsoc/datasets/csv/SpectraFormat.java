package org.specsoc.datasets.csv;

/** Number formatting shared by readers and writers. */
public final class SpectraFormat {

    private SpectraFormat() {
    }

    /** {@code 365} for whole nanometres, {@code 365.5} otherwise. */
    public static String nm(double nm) {
        return nm == Math.rint(nm) && Math.abs(nm) < 1e9 ? Long.toString((long) nm) : Double.toString(nm);
    }
}
