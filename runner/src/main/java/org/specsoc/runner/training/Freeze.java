package org.specsoc.runner.training;

/** Which part of the model keeps its parameters during (fine-)tuning. */
public enum Freeze {
    NONE, ENCODER, DECODER;

    public static Freeze parse(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
}
