package org.specsoc.datasets.envi;

/** The input's bands do not cover the wavelengths a model needs; the message names the missing range. */
public class SpectralCoverageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SpectralCoverageException(String message) {
        super(message);
    }
}
