package org.specsoc.datasets.collection;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A member's carbon label column and how to turn its values into a SOC mass fraction, read from the column's
 * name as the files under shared/data name them: {@code <quantity>_<unit>}.
 * <ul>
 *   <li>quantity {@code soc}, {@code oc}, {@code organic_carbon}: organic carbon; {@code total_carbon}: taken as
 *       SOC (the Geeves survey's total carbon holds no inorganic carbon); {@code som}: organic matter, divided
 *       by {@code dataset.som-to-soc};</li>
 *   <li>unit {@code pct} (g/100 g, x 0.01), {@code g_per_kg} (x 0.001), {@code fraction} (x 1). A volumetric
 *       unit ({@code g_per_dm3}) needs the bulk density, which the files do not give: refused.</li>
 * </ul>
 *
 * @param column  the column
 * @param organic true for {@code som}: the value is organic matter, not carbon
 * @param scale   factor from the column's unit to a SOC mass fraction (organic matter factor included)
 */
record CarbonLabel(String column, boolean organic, double scale) {
    private static final Pattern NAME = Pattern.compile(
            "(soc|oc|organic_carbon|total_carbon|som)_(pct|percent|g_per_kg|fraction|g_per_dm3)",
            Pattern.CASE_INSENSITIVE);
    /** What the error messages list as understood. */
    static final String CONVENTION = "<quantity>_<unit> with quantity soc, oc, organic_carbon, total_carbon or som"
            + " and unit pct, g_per_kg or fraction";

    /** Whether {@code column} is named like a carbon label (any unit, volumetric included). */
    static boolean looksLikeCarbon(String column) {
        return NAME.matcher(column.trim()).matches();
    }

    /**
     * The label of {@code column}; empty when its name does not follow the convention.
     *
     * @throws IllegalArgumentException for a volumetric unit
     */
    static Optional<CarbonLabel> of(String column, double somToSoc) {
        Matcher m = NAME.matcher(column.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String quantity = m.group(1).toLowerCase(Locale.ROOT);
        double unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "pct", "percent" -> 0.01;
            case "g_per_kg" -> 0.001;
            case "fraction" -> 1;
            default -> throw new IllegalArgumentException("column '" + column + "' is volumetric (g/dm³): a mass"
                    + " fraction needs the bulk density, which is not given");
        };
        boolean organic = quantity.equals("som");
        return Optional.of(new CarbonLabel(column, organic, organic ? unit / somToSoc : unit));
    }

    /** The carbon-looking columns among {@code header}. */
    static List<String> candidates(List<String> header) {
        return header.stream().filter(CarbonLabel::looksLikeCarbon).toList();
    }
}
