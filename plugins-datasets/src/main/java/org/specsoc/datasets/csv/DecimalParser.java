package org.specsoc.datasets.csv;

import ch.randelshofer.fastdoubleparser.JavaFloatParser;

/**
 * Parses a number straight from the CSV parser's character buffer, without building a String, with
 * FastDoubleParser (correctly rounded to float, Java's {@code Float.parseFloat} syntax, several times faster).
 * On top of that it reads the spectral-table conventions for a missing value: an empty cell, {@code NA} or
 * {@code NaN} (any case) give NaN.
 */
final class DecimalParser {

    /** Thrown (without a stack trace, it is cheap) when the text is not a number. */
    static final class NotANumber extends Exception {
        private static final long serialVersionUID = 1L;

        NotANumber() {
            super(null, null, false, false);
        }
    }

    private static final NotANumber NOT_A_NUMBER = new NotANumber();

    private DecimalParser() {
    }

    static float parse(char[] buf, int off, int len) throws NotANumber {
        int end = off + len;
        while (off < end && buf[off] == ' ') {
            off++;
        }
        while (end > off && buf[end - 1] == ' ') {
            end--;
        }
        int n = end - off;
        if (n == 0 || isMissing(buf, off, n)) {
            return Float.NaN;
        }
        try {
            return JavaFloatParser.parseFloat(buf, off, n);
        } catch (NumberFormatException e) {
            throw NOT_A_NUMBER;
        }
    }

    private static boolean isMissing(char[] buf, int off, int n) {
        if (buf[off] != 'N' && buf[off] != 'n') {
            return false;
        }
        String s = new String(buf, off, n);
        return s.equalsIgnoreCase("NA") || s.equalsIgnoreCase("NaN");
    }

    /** The same rules on a String (for header wavelengths and single label values). */
    static float parse(String s) throws NotANumber {
        char[] c = s.toCharArray();
        return parse(c, 0, c.length);
    }
}
