package org.specsoc.api.split;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Fisher-Yates shuffles and complements shared by the splitters. */
final class Permutations {

    private Permutations() {
    }

    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static <T> void shuffle(T[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Rows 0..n-1 that are not in {@code taken}. */
    static int[] complement(int[] taken, int n) {
        boolean[] in = new boolean[n];
        for (int r : taken) {
            in[r] = true;
        }
        int[] out = new int[n - taken.length];
        int k = 0;
        for (int r = 0; r < n; r++) {
            if (!in[r]) {
                out[k++] = r;
            }
        }
        return out;
    }

    static int[] concat(int[][] parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }
}
