package org.specsoc.runner.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RaCA-shaped layout: regions 1..16 and 18 (no 17), a few pedons per region, a few spectra per pedon,
 * and one unlabelled spectrum per region (a scan without laboratory SOC).
 */
final class RegionWorld {
    static final List<String> RACA_REGIONS = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
            "13", "14", "15", "16", "18");

    private RegionWorld() {
    }

    /** {@code pedons} pedons per region (region r has pedons + r % 3), {@code spectra} spectra per pedon. */
    static PlanData layout(List<String> regions, int pedons, int spectra) {
        var groups = new ArrayList<String>();
        var pedonIds = new ArrayList<String>();
        var labelled = new ArrayList<Boolean>();
        for (String r : regions) {
            int n = pedons + Integer.parseInt(r) % 3;
            for (int p = 0; p < n; p++) {
                for (int s = 0; s < spectra; s++) {
                    groups.add(r);
                    pedonIds.add("R" + r + "P" + p);
                    labelled.add(true);
                }
            }
            groups.add(r);
            pedonIds.add("R" + r + "P0");
            labelled.add(false);
        }
        boolean[] l = new boolean[labelled.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = labelled.get(i);
        }
        return new PlanData(groups.toArray(String[]::new), pedonIds.toArray(String[]::new), l);
    }
}
