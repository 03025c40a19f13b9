package org.specsoc.runner.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.data.SpectralDataset;

/**
 * The columns a planner needs, per row: the group (region), the pedon (may be absent) and whether it has a
 * label. Groups are ordered numerically when they are all whole numbers (regions 1..18), else as text.
 */
public record PlanData(String[] groups, String[] pedons, boolean[] labelled) {

    public PlanData {
        if (groups.length != labelled.length || (pedons != null && pedons.length != labelled.length)) {
            throw new IllegalArgumentException("columns of different lengths");
        }
    }

    /** Reads the columns from a data set; a missing group column is a configuration error naming the key. */
    public static PlanData of(SpectralDataset data, String groupColumn, String groupKey, String pedonColumn) {
        if (!data.hasGroup(groupColumn)) {
            throw new ConfigurationException("key '" + groupKey + "': the data set has no column '" + groupColumn
                    + "'; it has " + data.groups().keySet());
        }
        boolean[] labelled = new boolean[data.rows()];
        for (int i = 0; i < labelled.length; i++) {
            labelled[i] = data.labelled(i);
        }
        return new PlanData(data.group(groupColumn), data.hasGroup(pedonColumn) ? data.group(pedonColumn) : null,
                labelled);
    }

    public int rows() {
        return labelled.length;
    }

    /** Distinct groups in order. */
    public List<String> groupNames() {
        var set = new TreeSet<>(GROUP_ORDER);
        for (String g : groups) {
            set.add(g);
        }
        return List.copyOf(set);
    }

    /** Rows of each group, ascending, groups in order. */
    public Map<String, List<Integer>> rowsByGroup() {
        var map = new TreeMap<String, List<Integer>>(GROUP_ORDER);
        for (int i = 0; i < groups.length; i++) {
            map.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
        }
        return map;
    }

    /** Orders whole numbers numerically, before any text, and text alphabetically. */
    public static final Comparator<String> GROUP_ORDER = (a, b) -> {
        Long x = wholeNumber(a);
        Long y = wholeNumber(b);
        if (x != null && y != null) {
            int c = Long.compare(x, y);
            return c != 0 ? c : a.compareTo(b);
        }
        if (x != null) {
            return -1;
        }
        if (y != null) {
            return 1;
        }
        return a.compareTo(b);
    };

    private static Long wholeNumber(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
