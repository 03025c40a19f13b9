package org.specsoc.datasets.envi;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The temporary file of an atomic write: created empty in the target's folder (so that the final move is a
 * rename on the same file system) with the permissions any new file gets there. {@code Files.createTempFile}
 * is not used because it makes the file readable by its owner only, and the move would hand that on to the
 * result.
 */
public final class SiblingTemporaryFile {
    private SiblingTemporaryFile() {
    }

    /** Creates {@code .<name>.<random>.tmp} next to {@code target}, creating the folder when needed. */
    public static Path create(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(
                    ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }
}
