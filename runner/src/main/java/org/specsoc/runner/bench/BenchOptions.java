package org.specsoc.runner.bench;

import java.nio.file.Path;

/**
 * Sizes a benchmark works on. The defaults are the paper's: 23,550 spectra of 2,136 wavelengths, batch 300,
 * hidden 512, latent 93. {@code quick} shrinks repetitions (for tests of the command itself, not for figures).
 */
public record BenchOptions(int samples, int bands, int batch, int hidden, int latent, int repetitions,
                           boolean quick, Path scratchDirectory) {

    public static BenchOptions paper(Path scratch) {
        return new BenchOptions(23_550, 2_136, 300, 512, 93, 5, false, scratch);
    }
}
