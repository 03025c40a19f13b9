package org.specsoc.api.split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded draws of k pedons per region without replacement (the authors' {@code {r}_bootstrap_{b}} subsets,
 * Experiment 3). A draw keeps the drawn order, so {@link Draw#first(int)} gives the nested smaller subset (their
 * {@code bootstrap5pedon} sets are the first five of the same draw).
 */
public final class PedonDraw {
    private final String[] regions;
    private final String[] pedons;
    private final GroupIndex byRegion;

    public PedonDraw(String[] regions, String[] pedons) {
        if (regions.length != pedons.length) {
            throw new IllegalArgumentException(regions.length + " regions for " + pedons.length + " pedon ids");
        }
        requirePedonsWithinStrata(regions, pedons);
        this.regions = regions.clone();
        this.pedons = pedons.clone();
        this.byRegion = GroupIndex.of(regions);
    }

    public List<String> regions() {
        return byRegion.groups();
    }

    /** Distinct pedons of {@code region}, in natural order. */
    public List<String> pedonsOf(String region) {
        return pedonIndex(region).groups();
    }

    /**
     * Draws {@code k} pedons in every region (every pedon when a region has fewer than {@code k}). Regions are
     * visited in natural order so the same generator state gives the same draw.
     */
    public Draw draw(int k, SplittableRandom random) {
        return draw(k, byRegion.groups(), random);
    }

    /** Draws {@code k} pedons in each of {@code selectedRegions}. */
    public Draw draw(int k, List<String> selectedRegions, SplittableRandom random) {
        if (k < 1) {
            throw new IllegalArgumentException("pedons per region must be at least 1, got " + k);
        }
        var sorted = new ArrayList<>(selectedRegions);
        sorted.sort(GroupOrder.NATURAL);
        var drawn = new LinkedHashMap<String, List<String>>();
        for (String region : sorted) {
            String[] ids = pedonIndex(region).groups().toArray(String[]::new);
            // Partial Fisher-Yates: the first k positions are a uniform draw without replacement.
            int take = Math.min(k, ids.length);
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(ids.length - i);
                String t = ids[i];
                ids[i] = ids[j];
                ids[j] = t;
            }
            drawn.put(region, List.of(java.util.Arrays.copyOf(ids, take)));
        }
        return new Draw(Collections.unmodifiableMap(drawn));
    }

    private GroupIndex pedonIndex(String region) {
        boolean[] in = new boolean[regions.length];
        for (int r : byRegion.rowsOf(region)) {
            in[r] = true;
        }
        return GroupIndex.of(pedons, in);
    }

    /** The pedons drawn per region, in drawn order. */
    public final class Draw {
        private final Map<String, List<String>> pedonsByRegion;

        private Draw(Map<String, List<String>> pedonsByRegion) {
            this.pedonsByRegion = pedonsByRegion;
        }

        public Map<String, List<String>> pedonsByRegion() {
            return pedonsByRegion;
        }

        /** The first {@code n} drawn pedons of each region (a nested, smaller draw). */
        public Draw first(int n) {
            var m = new LinkedHashMap<String, List<String>>();
            pedonsByRegion.forEach((r, l) -> m.put(r, l.subList(0, Math.min(n, l.size()))));
            return new Draw(Collections.unmodifiableMap(m));
        }

        /** Rows (ascending) of every spectrum of every drawn pedon. */
        public int[] indices() {
            var wanted = new HashMap<String, String>();
            pedonsByRegion.forEach((r, l) -> l.forEach(p -> wanted.put(p, r)));
            var out = new ArrayList<Integer>();
            for (int row = 0; row < pedons.length; row++) {
                if (regions[row].equals(wanted.get(pedons[row]))) {
                    out.add(row);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        /** Rows of the drawn pedons of one region. */
        public int[] indices(String region) {
            List<String> l = pedonsByRegion.get(region);
            if (l == null) {
                throw new IllegalArgumentException("region '" + region + "' was not drawn; drawn: "
                        + pedonsByRegion.keySet());
            }
            var m = new LinkedHashMap<String, List<String>>();
            m.put(region, l);
            return new Draw(m).indices();
        }
    }

    static void requirePedonsWithinStrata(String[] strata, String[] pedons) {
        var home = new HashMap<String, String>();
        for (int r = 0; r < pedons.length; r++) {
            if (pedons[r] == null || strata[r] == null) {
                throw new IllegalArgumentException("row " + r + " has no pedon or region value");
            }
            String prev = home.putIfAbsent(pedons[r], strata[r]);
            if (prev != null && !prev.equals(strata[r])) {
                throw new IllegalArgumentException("pedon '" + pedons[r] + "' appears in both region '" + prev
                        + "' and region '" + strata[r] + "' (row " + r + ")");
            }
        }
    }
}
