package org.specsoc.api.io;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes a whole file or nothing: the content goes to a temporary file in the same folder, which is then
 * renamed over the target, so a reader never sees half a file and a crash never leaves one behind (at worst
 * a stray {@code .<name>.<hex>.tmp} file, which {@link #isTemporaryOf} recognises so that its owner can clean
 * it up).
 */
public final class AtomicFileWriter {
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.[0-9a-f]{1,16}\\.tmp");

    private AtomicFileWriter() {
    }

    /** Streams the content of a file; whatever it throws aborts the write and leaves the target as it was. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes text (UTF-8) through a buffered {@link Writer}. */
    @FunctionalInterface
    public interface TextContent {
        void writeTo(Writer writer) throws IOException;
    }

    /** Like {@link #write(Path, Content)}, for text: UTF-8 through a 64 KiB buffered writer. */
    public static void writeText(Path target, TextContent content) throws IOException {
        write(target, out -> {
            // A CSV library closing its writer must not end the write before the sync: close only flushes.
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            content.writeTo(w);
            w.flush();
        });
    }

    public static void write(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /**
     * Writes {@code content} to a temporary sibling of {@code target}, forces it to the disk and renames it over
     * {@code target} (creating the folder when needed). The stream handed to {@code content} is buffered by the
     * caller's needs only; closing it is harmless.
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = createTemporarySibling(absolute);
        try {
            try (var file = new FileOutputStream(temp.toFile())) {
                content.writeTo(new NonClosingStream(file));
                file.flush();
                // Without the sync a crash after the rename could leave the new name pointing at empty blocks.
                file.getFD().sync();
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Creates {@code .<name>.<hex>.tmp} next to {@code target}, empty, with the permissions any new file gets in
     * that folder. {@code Files.createTempFile} is not used because it makes the file readable by its owner only
     * and the rename would hand that on to the result.
     */
    public static Path createTemporarySibling(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(
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

    /** Whether {@code file} is a temporary file that {@link #write} made for a target named {@code targetName}. */
    public static boolean isTemporaryOf(Path file, Pattern targetName) {
        var m = TEMPORARY.matcher(file.getFileName().toString());
        return m.matches() && targetName.matcher(m.group(1)).matches();
    }

    /** Keeps a writer's {@code close()} (a ZipOutputStream's, say) from closing the file before the sync. */
    private static final class NonClosingStream extends java.io.FilterOutputStream {
        NonClosingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
