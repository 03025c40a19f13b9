package org.specsoc.datasets.envi;

import java.io.IOException;

/** A malformed or unsupported ENVI header or data file; the message names the file and the key or line. */
public class EnviFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public EnviFormatException(String message) {
        super(message);
    }
}
