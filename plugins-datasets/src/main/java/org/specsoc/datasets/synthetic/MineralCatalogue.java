package org.specsoc.datasets.synthetic;

import java.util.List;

/**
 * Analytic endmember spectra of common soil minerals and of soil organic carbon. Band positions follow the
 * absorption features documented for these minerals in the Vis-NIR literature (e.g. Clark et al. 1990,
 * J. Geophys. Res. 95(B8); Hunt 1977, Geophysics 42; Viscarra Rossel &amp; Behrens 2010): OH overtones near
 * 1400 nm, H2O combination bands near 1900 nm, Al-OH near 2200 nm, Mg/Fe-OH near 2250-2350 nm, carbonate near
 * 2300-2340 nm, and Fe3+ crystal-field and charge-transfer features below 1000 nm. Depths and widths are
 * plausible shapes, not fits to any measured spectrum. The rho*r values (density x effective radius,
 * mg m^-2) are of the same order as the authors' mastersheet values (about 1 to 2).
 */
final class MineralCatalogue {

    private MineralCatalogue() {
    }

    /** A named endmember: its analytic spectrum, rho*r and its typical (non-OOD) Dirichlet concentration. */
    record Endmember(String name, AnalyticSpectrum spectrum, double rhoR, double concentration) {
    }

    private static AbsorptionBand band(double centre, double depth, double width) {
        return new AbsorptionBand(centre, depth, width);
    }

    /** Hygroscopic water held by clays: 1400 and 1900 nm. */
    private static AbsorptionBand[] water(double strength) {
        return new AbsorptionBand[] {band(1410, 0.5 * strength, 25), band(1915, strength, 35)};
    }

    static final List<Endmember> MINERALS = List.of(
            new Endmember("quartz", AnalyticSpectrum.of(0.72, 0.86, band(1410, 0.02, 20), band(1915, 0.03, 30)),
                    1.43, 6.0),
            new Endmember("orthoclase", AnalyticSpectrum.of(0.62, 0.78, band(1410, 0.04, 20), band(1915, 0.05, 30),
                    band(1250, 0.03, 150)), 1.37, 2.0),
            new Endmember("albite", AnalyticSpectrum.of(0.66, 0.80, band(1410, 0.03, 20), band(1915, 0.04, 30)),
                    1.37, 1.5),
            new Endmember("kaolinite", AnalyticSpectrum.of(0.70, 0.84, band(1395, 0.18, 9), band(1413, 0.14, 10),
                    band(1915, 0.05, 25), band(2162, 0.16, 12), band(2206, 0.30, 15)), 0.98, 2.0),
            new Endmember("montmorillonite", AnalyticSpectrum.of(0.55, 0.70, band(1412, 0.25, 20),
                    band(1912, 0.40, 30), band(2206, 0.22, 20)), 1.40, 1.5),
            new Endmember("illite", AnalyticSpectrum.of(0.48, 0.64, band(1410, 0.15, 18), band(1912, 0.12, 28),
                    band(2200, 0.20, 15), band(2345, 0.12, 16), band(2440, 0.08, 15)), 1.45, 1.5),
            new Endmember("chlorite", AnalyticSpectrum.of(0.32, 0.50, band(1000, 0.15, 160), band(1400, 0.06, 20),
                    band(2252, 0.16, 15), band(2330, 0.25, 20)), 1.97, 0.4),
            new Endmember("muscovite", AnalyticSpectrum.of(0.60, 0.74, band(1410, 0.12, 15), band(2200, 0.25, 12),
                    band(2350, 0.14, 15), band(2440, 0.10, 15)), 1.50, 0.6),
            new Endmember("calcite", AnalyticSpectrum.of(0.80, 0.90, band(1875, 0.05, 15), band(1995, 0.07, 18),
                    band(2155, 0.06, 18), band(2340, 0.32, 25), band(2530, 0.30, 30)), 1.23, 0.3),
            new Endmember("dolomite", AnalyticSpectrum.of(0.74, 0.85, band(1000, 0.05, 150), band(1860, 0.05, 15),
                    band(1980, 0.06, 18), band(2320, 0.32, 25), band(2510, 0.28, 30)), 1.21, 0.15),
            new Endmember("gypsum", AnalyticSpectrum.of(0.84, 0.90, band(1445, 0.35, 15), band(1490, 0.30, 15),
                    band(1535, 0.20, 15), band(1750, 0.15, 10), band(1940, 0.50, 25), band(2215, 0.10, 15),
                    band(2265, 0.10, 15)), 1.14, 0.1),
            new Endmember("goethite", AnalyticSpectrum.withEdge(0.45, 0.60, 520, 35, 0.12, band(650, 0.10, 40),
                    band(920, 0.30, 90), band(1915, 0.04, 30)), 1.80, 0.5),
            new Endmember("hematite", AnalyticSpectrum.withEdge(0.50, 0.62, 580, 20, 0.08, band(860, 0.30, 70)),
                    2.10, 0.3));

    /**
     * Soil organic carbon as the paper describes it: dark, rising slowly towards the SWIR, with troughs near
     * 1400, 1900 and 2500 nm (O-H and C-H features of organic matter).
     */
    static final AnalyticSpectrum SOC = AnalyticSpectrum.of(0.05, 0.24, band(1420, 0.20, 40), band(1730, 0.05, 25),
            band(1930, 0.30, 50), band(2300, 0.08, 30), band(2480, 0.25, 60));

    /**
     * The SOC of out-of-distribution regions (charred or humified organic matter): darker and flatter, with weak
     * water troughs, so a model fitted elsewhere reads its SOC wrongly.
     */
    static final AnalyticSpectrum SOC_OOD = AnalyticSpectrum.of(0.03, 0.11, band(1420, 0.06, 40),
            band(1930, 0.10, 50), band(2480, 0.10, 60), band(1100, 0.10, 300));

    /** Liquid water absorption coefficient shape (relative), for the moisture option. */
    static final AnalyticSpectrum WATER_ABSORPTION = AnalyticSpectrum.of(0.02, 0.10, band(970, -1.0, 40),
            band(1200, -2.0, 50), band(1450, -12.0, 60), band(1940, -25.0, 70), band(2500, -8.0, 120));

    /** Minerals that OOD regions carry far more of than the rest. */
    static final List<String> OOD_RICH = List.of("gypsum", "dolomite", "chlorite", "hematite", "calcite");
}
