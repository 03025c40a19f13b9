package org.specsoc.api.split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The rows of each group value, groups in {@link GroupOrder#NATURAL} order, rows ascending within a group. */
public final class GroupIndex {
    private final Map<String, int[]> rowsByGroup;
    private final int rows;

    private GroupIndex(Map<String, int[]> rowsByGroup, int rows) {
        this.rowsByGroup = rowsByGroup;
        this.rows = rows;
    }

    /** Indexes {@code groups} (one value per row); a null value is refused with its row. */
    public static GroupIndex of(String[] groups) {
        return of(groups, null);
    }

    /** Indexes only the rows where {@code include} is true ({@code null}: every row). */
    public static GroupIndex of(String[] groups, boolean[] include) {
        Objects.requireNonNull(groups, "groups");
        var lists = new TreeMap<String, List<Integer>>(GroupOrder.NATURAL);
        for (int r = 0; r < groups.length; r++) {
            if (include != null && !include[r]) {
                continue;
            }
            if (groups[r] == null) {
                throw new IllegalArgumentException("row " + r + " has no group value");
            }
            lists.computeIfAbsent(groups[r], g -> new ArrayList<>()).add(r);
        }
        var map = new LinkedHashMap<String, int[]>();
        lists.forEach((g, l) -> map.put(g, l.stream().mapToInt(Integer::intValue).toArray()));
        return new GroupIndex(Collections.unmodifiableMap(map), groups.length);
    }

    /** Group values in natural order. */
    public List<String> groups() {
        return List.copyOf(rowsByGroup.keySet());
    }

    public int groupCount() {
        return rowsByGroup.size();
    }

    /** Length of the indexed group column. */
    public int rows() {
        return rows;
    }

    /** A copy of the rows of {@code group}; throws naming the groups that exist when it is absent. */
    public int[] rowsOf(String group) {
        int[] r = rowsByGroup.get(group);
        if (r == null) {
            throw new IllegalArgumentException("no group '" + group + "'; groups are " + rowsByGroup.keySet());
        }
        return r.clone();
    }

    public int sizeOf(String group) {
        return rowsOf(group).length;
    }
}
