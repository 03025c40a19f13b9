package org.specsoc.runner.training.listeners;

import java.util.Locale;

/** How training shows its progress: {@code train.progress}. */
public enum ProgressMode {
    /** A bar when a terminal is attached, log lines otherwise. */
    AUTO,
    /** A progress bar with ETA on the terminal (standard error). */
    BAR,
    /** Plain log lines every few percent, for files and CI logs. */
    LOG,
    /** Nothing. */
    OFF;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProgressMode fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    /** {@link #AUTO} made concrete: a bar exactly when {@code terminal}. */
    public ProgressMode resolve(boolean terminal) {
        return this == AUTO ? (terminal ? BAR : LOG) : this;
    }
}
