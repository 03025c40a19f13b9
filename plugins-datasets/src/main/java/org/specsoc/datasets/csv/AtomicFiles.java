package org.specsoc.datasets.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.specsoc.datasets.envi.SiblingTemporaryFile;

/** Text files written completely or not at all: a sibling temporary file, then an atomic rename. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** What writes the content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer writer) throws IOException;
    }

    public static void write(Path target, Content content) throws IOException {
        Path tmp = SiblingTemporaryFile.create(target);
        try {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp),
                    StandardCharsets.UTF_8), 1 << 16)) {
                content.writeTo(w);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
