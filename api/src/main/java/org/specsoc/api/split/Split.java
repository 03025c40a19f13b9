package org.specsoc.api.split;

import java.util.Arrays;
import java.util.Objects;

/**
 * One training/validation partition of a data set's rows. {@code description} names what was held out
 * (the group value for leave-one-group-out, {@code fold 3/5}, {@code random 60:40}, ...).
 * The arrays are row indices into the data set that was split, each sorted ascending.
 */
public record Split(int[] train, int[] validation, String description) {

    public Split {
        Objects.requireNonNull(description, "description");
        train = sortedCopy(train, "train");
        validation = sortedCopy(validation, "validation");
    }

    /** The held-out group (for leave-one-group-out) or the description of the partition. */
    public String heldOutGroup() {
        return description;
    }

    public int trainSize() {
        return train.length;
    }

    public int validationSize() {
        return validation.length;
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] validation() {
        return validation.clone();
    }

    private static int[] sortedCopy(int[] rows, String side) {
        Objects.requireNonNull(rows, side);
        int[] copy = rows.clone();
        Arrays.sort(copy);
        for (int i = 1; i < copy.length; i++) {
            if (copy[i] == copy[i - 1]) {
                throw new IllegalArgumentException(side + " lists row " + copy[i] + " twice");
            }
        }
        if (copy.length > 0 && copy[0] < 0) {
            throw new IllegalArgumentException(side + " holds negative row " + copy[0]);
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && Arrays.equals(train, s.train) && Arrays.equals(validation, s.validation)
                && description.equals(s.description);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(train) + Arrays.hashCode(validation)) + description.hashCode();
    }

    @Override
    public String toString() {
        return "Split[" + description + ": " + train.length + " train, " + validation.length + " validation]";
    }
}
