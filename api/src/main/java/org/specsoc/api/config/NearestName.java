package org.specsoc.api.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Picks the "did you mean" candidate for a misspelled key or plugin name. */
public final class NearestName {
    private NearestName() {
    }

    /**
     * The candidate closest to {@code given} by edit distance, when it is close enough to be a plausible
     * typo (at most a third of the longer name, and at least 1 edit allowed).
     */
    public static Optional<String> of(String given, Collection<String> candidates) {
        String needle = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = LevenshteinDistance.getDefaultInstance().apply(needle, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int limit = Math.max(2, Math.max(given.length(), best.length()) / 3);
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** {@code " (did you mean 'x'?)"} or an empty string. */
    public static String suggestion(String given, Collection<String> candidates) {
        return of(given, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }
}
