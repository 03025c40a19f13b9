package org.specsoc.datasets.collection;

import java.nio.file.Path;
import java.util.Optional;
import org.specsoc.datasets.csv.SpectralQuantity;

/**
 * One file of a collection.
 *
 * @param name        its name in the group column and in its sample ids: the file name without {@code .csv}
 * @param listed      the path as {@code dataset.members} gives it (for messages)
 * @param file        the resolved file
 * @param labelColumn the label column {@code dataset.label-columns} names; empty = detected from the header
 * @param quantity    reflectance, or absorbance when listed in {@code dataset.absorbance-members}
 */
record CollectionMember(String name, String listed, Path file, Optional<String> labelColumn,
                        SpectralQuantity quantity) {

    /** The member name of a listed path: its file name without the {@code .csv} extension. */
    static String nameOf(String listed) {
        String file = Path.of(listed).getFileName().toString();
        return file.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
    }
}
