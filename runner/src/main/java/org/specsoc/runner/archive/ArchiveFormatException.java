package org.specsoc.runner.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A file that is not a model archive this version can read: not a zip, foreign, newer, truncated or damaged. */
public final class ArchiveFormatException extends IOException {
    private final transient Path file;
    private final String entry;

    /**
     * @param file    the archive
     * @param entry   the zip entry at fault, or {@code null} when the problem is the file as a whole
     * @param problem what is wrong, as a phrase
     * @param cause   the underlying error, or {@code null}
     */
    public ArchiveFormatException(Path file, String entry, String problem, Throwable cause) {
        super(file + (entry == null ? "" : ", entry " + entry) + ": " + problem, cause);
        this.file = file;
        this.entry = entry;
    }

    public Path file() {
        return file;
    }

    public Optional<String> entry() {
        return Optional.ofNullable(entry);
    }
}
