package org.specsoc.datasets.csv;

/**
 * Parses a decimal number straight from the CSV parser's character buffer, without building a String: the
 * digits go into a long and one multiplication or division by an exact power of ten gives the correctly
 * rounded double (both operands exact, so IEEE rounding is exact), which is then narrowed to float. Anything
 * outside that fast path (over 18 significant digits, big exponents, hexadecimal, "Infinity") goes to
 * {@link Float#parseFloat}. Missing-value tokens (empty, NA, NaN) give NaN.
 */
final class DecimalParser {
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

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
        if (off == end) {
            return Float.NaN;
        }
        int i = off;
        boolean negative = false;
        if (buf[i] == '-' || buf[i] == '+') {
            negative = buf[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exp10 = 0;
        boolean any = false;
        for (; i < end; i++) {
            char c = buf[i];
            if (c >= '0' && c <= '9') {
                any = true;
                if (mantissa == 0 && c == '0') {
                    continue;
                }
                if (digits >= 18) {
                    return slow(buf, off, end);
                }
                mantissa = mantissa * 10 + (c - '0');
                digits++;
            } else {
                break;
            }
        }
        if (i < end && buf[i] == '.') {
            i++;
            for (; i < end; i++) {
                char c = buf[i];
                if (c >= '0' && c <= '9') {
                    any = true;
                    if (mantissa == 0 && c == '0') {
                        exp10--;
                        continue;
                    }
                    if (digits >= 18) {
                        return slow(buf, off, end);
                    }
                    mantissa = mantissa * 10 + (c - '0');
                    digits++;
                    exp10--;
                } else {
                    break;
                }
            }
        }
        if (!any) {
            return missingOrSlow(buf, off, end);
        }
        if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < end && (buf[i] == '-' || buf[i] == '+')) {
                expNegative = buf[i] == '-';
                i++;
            }
            int e = 0;
            int expDigits = 0;
            for (; i < end && buf[i] >= '0' && buf[i] <= '9'; i++) {
                e = Math.min(100_000, e * 10 + (buf[i] - '0'));
                expDigits++;
            }
            if (expDigits == 0) {
                throw NOT_A_NUMBER;
            }
            exp10 += expNegative ? -e : e;
        }
        if (i != end) {
            throw NOT_A_NUMBER;
        }
        double v;
        if (mantissa == 0) {
            v = 0;
        } else if (exp10 >= 0 && exp10 < POW10.length) {
            v = mantissa * POW10[exp10];
        } else if (exp10 < 0 && -exp10 < POW10.length) {
            v = mantissa / POW10[-exp10];
        } else {
            return slow(buf, off, end);
        }
        return (float) (negative ? -v : v);
    }

    private static float missingOrSlow(char[] buf, int off, int end) throws NotANumber {
        String s = new String(buf, off, end - off);
        if (s.equalsIgnoreCase("NA") || s.equalsIgnoreCase("NaN")) {
            return Float.NaN;
        }
        return slowText(s);
    }

    private static float slow(char[] buf, int off, int end) throws NotANumber {
        return slowText(new String(buf, off, end - off));
    }

    private static float slowText(String s) throws NotANumber {
        try {
            return Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw NOT_A_NUMBER;
        }
    }

    /** The same rules on a String (for header wavelengths and single label values). */
    static float parse(String s) throws NotANumber {
        char[] c = s.toCharArray();
        return parse(c, 0, c.length);
    }
}
