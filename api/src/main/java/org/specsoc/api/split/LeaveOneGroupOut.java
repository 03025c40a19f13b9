package org.specsoc.api.split;

import java.util.ArrayList;
import java.util.List;

/**
 * Leave-one-group-out (the paper's leave-one-region-out): one split per group value, in natural order;
 * validation = every row of that group, training = every other row.
 */
public final class LeaveOneGroupOut {

    private LeaveOneGroupOut() {
    }

    public static List<Split> splits(String[] groups) {
        GroupIndex index = GroupIndex.of(groups);
        if (index.groupCount() < 2) {
            throw new IllegalArgumentException("leave-one-group-out needs at least 2 groups, found "
                    + index.groups());
        }
        var out = new ArrayList<Split>(index.groupCount());
        for (String g : index.groups()) {
            out.add(holdOut(groups, g));
        }
        return out;
    }

    /** The single split that holds out {@code group}. */
    public static Split holdOut(String[] groups, String group) {
        int[] validation = GroupIndex.of(groups).rowsOf(group);
        int[] train = new int[groups.length - validation.length];
        int t = 0;
        for (int r = 0; r < groups.length; r++) {
            if (!group.equals(groups[r])) {
                train[t++] = r;
            }
        }
        return new Split(train, validation, group);
    }
}
