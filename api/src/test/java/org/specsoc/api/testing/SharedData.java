package org.specsoc.api.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real data that sits beside the checkout ({@code ../shared/data} from the repository root), read
 * in place and never copied into the project. Tests call {@link #require} and are skipped, with the reason,
 * when the folder is not there.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The {@code shared/data} folder found walking up from the working directory. */
    public static Optional<Path> root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** {@code relative} under shared/data; the calling test is skipped when it is missing. */
    public static Path require(String relative) {
        Optional<Path> root = root();
        Assumptions.assumeTrue(root.isPresent(), "shared/data is not beside this checkout");
        Path p = root.get().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "missing shared data file " + relative);
        return p;
    }
}
