package org.specsoc.datasets.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.specsoc.api.data.DatasetProvenance;

/** SHA-256 of files read, for provenance. */
public final class FileDigests {

    private FileDigests() {
    }

    public static DatasetProvenance.FileDigest of(Path file, long rows) throws IOException {
        return new DatasetProvenance.FileDigest(file.toString(), sha256(file), rows);
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
