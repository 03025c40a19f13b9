package org.specsoc.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {
    @TempDir
    Path dir;

    @Test
    void failedWriteLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("result.txt");
        AtomicFileWriter.write(target, "old");
        assertThatThrownBy(() -> AtomicFileWriter.write(target, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(target).hasContent("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void newFileGetsTheFolderDefaultPermissionsNotOwnerOnly() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path target = dir.resolve("sub/result.txt");
        AtomicFileWriter.write(target, "new");
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        assertThat(target).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(ordinary)));
    }

    @Test
    void recognisesItsOwnTemporaryFiles() throws IOException {
        Path tmp = AtomicFileWriter.createTemporarySibling(dir.resolve("checkpoint-epoch-000012.zip"));
        Pattern checkpoints = Pattern.compile("checkpoint-epoch-\\d+\\.zip");
        assertThat(AtomicFileWriter.isTemporaryOf(tmp, checkpoints)).isTrue();
        assertThat(AtomicFileWriter.isTemporaryOf(dir.resolve("checkpoint-epoch-000012.zip"), checkpoints)).isFalse();
        assertThat(AtomicFileWriter.isTemporaryOf(dir.resolve(".model.zip.1f.tmp"), checkpoints)).isFalse();
    }
}
