package org.specsoc.api.split;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * Natural ordering of group values: runs of digits compare by number, the rest as text, so RaCA regions
 * come out 1, 2, ..., 10, ..., 16, 18 rather than 1, 10, 11, ..., 2.
 */
public final class GroupOrder implements Comparator<String> {
    public static final GroupOrder NATURAL = new GroupOrder();

    private GroupOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                int c = new BigInteger(a.substring(i, ei)).compareTo(new BigInteger(b.substring(j, ej)));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        // Equal by value but different text ("01" vs "1"): fall back to plain text so the order stays total.
        return c != 0 ? c : a.compareTo(b);
    }

    private static int digitsEnd(String s, int from) {
        int k = from;
        while (k < s.length() && Character.isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }
}
