package org.specsoc.datasets.csv;

import java.util.List;
import java.util.Optional;

/**
 * How to read a wide spectra CSV into a data set.
 *
 * @param idColumn        column of sample ids; empty: {@code sample_id} when present, else row numbers
 * @param labelColumn     column of the SOC label; empty: every sample unlabelled
 * @param labelScale      factor from the file's label unit to a mass fraction (0.01 for percent, 0.001 g/kg)
 * @param regionColumn    column that becomes the {@code region} group
 * @param pedonColumn     column that becomes the {@code pedon} group
 * @param groupColumns    further columns kept as groups under their own names
 * @param quantity        what the spectral values are; absorbance is converted to reflectance
 * @param deadPixelFilter drop spectra with NaN, negative or above-one reflectance (logged) instead of failing
 */
public record CsvLayout(Optional<String> idColumn, Optional<String> labelColumn, double labelScale,
                        Optional<String> regionColumn, Optional<String> pedonColumn, List<String> groupColumns,
                        SpectralQuantity quantity, boolean deadPixelFilter) {

    public CsvLayout {
        groupColumns = List.copyOf(groupColumns);
    }

    /** Reflectance with a label in percent, no groups, no filter. */
    public static CsvLayout labelled(String labelColumn) {
        return new CsvLayout(Optional.empty(), Optional.of(labelColumn), 0.01, Optional.empty(), Optional.empty(),
                List.of(), SpectralQuantity.REFLECTANCE, false);
    }

    public CsvLayout withRegion(String column) {
        return new CsvLayout(idColumn, labelColumn, labelScale, Optional.of(column), pedonColumn, groupColumns,
                quantity, deadPixelFilter);
    }

    public CsvLayout withQuantity(SpectralQuantity q) {
        return new CsvLayout(idColumn, labelColumn, labelScale, regionColumn, pedonColumn, groupColumns, q,
                deadPixelFilter);
    }

    public CsvLayout withDeadPixelFilter(boolean on) {
        return new CsvLayout(idColumn, labelColumn, labelScale, regionColumn, pedonColumn, groupColumns, quantity, on);
    }

    public CsvLayout withLabelScale(double scale) {
        return new CsvLayout(idColumn, labelColumn, scale, regionColumn, pedonColumn, groupColumns, quantity,
                deadPixelFilter);
    }
}
