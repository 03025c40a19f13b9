package org.specsoc.datasets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.testing.SharedData;

class SyntheticGeneratorTest {
    private static final SyntheticSettings SMALL =
            SyntheticSettings.defaults(7).withScale(0.02).withGrid(400, 2500, 10);

    @Test
    void embeddedRegionSizesMatchTheAuthorsRegionSummary() throws IOException {
        Path file = SharedData.require("raca-splits/region_summary.csv");
        Map<Integer, Integer> fromFile = new HashMap<>();
        try (var reader = CsvReader.builder().ofNamedCsvRecord(file)) {
            reader.forEach(r -> fromFile.put(Integer.parseInt(r.getField("region")),
                    Integer.parseInt(r.getField("n_labelled"))));
        }
        assertThat(RacaRegionSizes.LABELLED).isEqualTo(fromFile);
        assertThat(RacaRegionSizes.total()).isEqualTo(23_550);
    }

    @Test
    void defaultGridIsTheAuthors2136Bands() {
        double[] g = SyntheticSettings.defaults(1).grid();
        assertThat(g).hasSize(2136);
        assertThat(g[0]).isEqualTo(365);
        assertThat(g[2135]).isEqualTo(2500);
    }

    @Test
    void regionsPedonsAndSizesFollowRaca() {
        SpectralDataset d = new SyntheticGenerator(SMALL).generate().dataset();
        String[] regions = d.group(SpectralDataset.REGION);
        Map<String, Integer> counts = new HashMap<>();
        for (String r : regions) {
            counts.merge(r, 1, Integer::sum);
        }
        assertThat(counts).doesNotContainKey("17").hasSize(17);
        RacaRegionSizes.LABELLED.forEach((region, size) ->
                assertThat(counts.get(region.toString())).isEqualTo((int) Math.round(0.02 * size)));
        Map<String, Integer> perPedon = new HashMap<>();
        for (String p : d.group(SpectralDataset.PEDON)) {
            perPedon.merge(p, 1, Integer::sum);
        }
        // Full pedons have 3 to 5 depths; only a region's last pedon may be cut short.
        long shortPedons = perPedon.values().stream().filter(n -> n < 3).count();
        assertThat(perPedon.values()).allMatch(n -> n <= 5);
        assertThat(shortPedons).isLessThanOrEqualTo(17);
        d.requireUniqueIds();
    }

    @Test
    void socFallsWithDepthOnAverage() {
        SpectralDataset d = new SyntheticGenerator(SMALL.withScale(0.05)).generate().dataset();
        String[] depth = d.group("depth");
        double[] sum = new double[5];
        int[] n = new int[5];
        for (int i = 0; i < d.rows(); i++) {
            int k = Integer.parseInt(depth[i]);
            sum[k] += d.soc(i);
            n[k]++;
        }
        assertThat(sum[0] / n[0]).isGreaterThan(sum[1] / n[1]);
        assertThat(sum[1] / n[1]).isGreaterThan(sum[2] / n[2]);
        assertThat(d.labelledCount()).isEqualTo(d.rows());
        for (float v : d.socLabels()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        var a = new SyntheticGenerator(SMALL).generate().dataset();
        var b = new SyntheticGenerator(SMALL).generate().dataset();
        var c = new SyntheticGenerator(new SyntheticSettings(8, 0.02, 17, 400, 2500, 10, SyntheticSettings.DEFAULT_OOD,
                0.01, 0.05, 0, 0, 0.6, 0.9, java.util.Optional.empty())).generate().dataset();
        assertThat(a.spectra()).isEqualTo(b.spectra());
        assertThat(a.socLabels()).isEqualTo(b.socLabels());
        assertThat(a.spectra()).isNotEqualTo(c.spectra());
    }

    @Test
    void withoutNoiseTheSpectrumIsTheArealMixtureOfThePlantedEndmembers() {
        var clean = new SyntheticSettings(3, 0.01, 4, 400, 2500, 20, List.of(3), 0, 0, 0, 0, 0.6, 0.9,
                java.util.Optional.empty());
        var result = new SyntheticGenerator(clean).generate();
        SyntheticTruth t = result.truth();
        SpectralDataset d = result.dataset();
        int k = t.minerals().size();
        for (int row = 0; row < d.rows(); row++) {
            double[] areal = new double[k + 1];
            double total = 0;
            for (int i = 0; i < k; i++) {
                areal[i] = t.massFraction(row, i) / t.minerals().rhoR()[i];
                total += areal[i];
            }
            areal[k] = t.socMass(row) / t.socRhoR()[row];
            total += areal[k];
            assertThat(areal[k] / total).isCloseTo(t.socAreal()[row], within(1e-5));
            boolean ood = d.group(SpectralDataset.REGION)[row].equals("3");
            float[] soc = ood ? t.oodSocSpectra().get(3) : t.socSpectrum();
            for (int b = 0; b < d.bands(); b += 7) {
                double expected = areal[k] / total * soc[b];
                for (int i = 0; i < k; i++) {
                    expected += areal[i] / total * t.minerals().spectra()[i][b];
                }
                assertThat((double) d.value(row, b)).isCloseTo(expected, within(1e-4));
            }
            assertThat(t.socMass(row)).isEqualTo(d.soc(row));
        }
    }

    @Test
    void oodRegionsUseTheOtherSocSpectrumAndRhoR() {
        var t = new SyntheticGenerator(SMALL).generate();
        String[] regions = t.dataset().group(SpectralDataset.REGION);
        for (int i = 0; i < regions.length; i++) {
            boolean ood = SyntheticSettings.DEFAULT_OOD.contains(Integer.parseInt(regions[i]));
            if (ood) {
                assertThat(t.truth().socRhoR()[i]).isNotEqualTo(0.6f).isPositive();
            } else {
                assertThat(t.truth().socRhoR()[i]).isEqualTo(0.6f);
            }
        }
    }

    @Test
    void socEndmemberIsDarkWithTroughsNear1400_1900_2500() {
        double[] grid = SyntheticSettings.defaults(1).grid();
        float[] soc = MineralCatalogue.SOC.sample(grid);
        for (float v : soc) {
            assertThat(v).isLessThan(0.3f);
        }
        for (double centre : new double[] {1420, 1930}) {
            int c = (int) (centre - 365);
            assertThat(soc[c]).isLessThan(soc[c - 150]).isLessThan(soc[c + 150]);
        }
        assertThat(soc[2500 - 365]).isLessThan(soc[2300 - 365 + 60]);
    }

    @Test
    void mineralsCarryTheirDiagnosticBands() {
        var lib = SyntheticGenerator.analyticLibrary(SyntheticSettings.defaults(1).grid());
        assertThat(lib.size()).isGreaterThanOrEqualTo(13);
        assertDip(lib, "kaolinite", 2206);
        assertDip(lib, "montmorillonite", 1912);
        assertDip(lib, "calcite", 2340);
        assertDip(lib, "dolomite", 2320);
        assertDip(lib, "gypsum", 1750);
        assertDip(lib, "illite", 2345);
        assertDip(lib, "chlorite", 2330);
        assertDip(lib, "goethite", 920);
    }

    private static void assertDip(org.specsoc.api.data.SpectralLibrary lib, String name, int nm) {
        float[] s = lib.spectra()[lib.names().indexOf(name)];
        int c = nm - 365;
        assertThat(s[c]).as(name + " at " + nm).isLessThan(s[c - 60]).isLessThan(s[c + 60]);
    }

    @Test
    void truthFilesAreWritten(@TempDir Path dir) throws IOException {
        var t = new SyntheticGenerator(SMALL).generate().truth();
        t.writeTo(dir);
        assertThat(dir.resolve("truth.json")).content().contains("\"ood_regions\"");
        List<String> lines = Files.readAllLines(dir.resolve("truth_samples.csv"));
        assertThat(lines).hasSize(t.rows() + 1);
        assertThat(lines.get(0)).startsWith("sample_id,soc_mass,soc_areal,soc_rho_r,water,mass_quartz");
        assertThat(Files.readAllLines(dir.resolve("truth_endmembers.csv")))
                .hasSize(t.minerals().size() + 2 + SyntheticSettings.DEFAULT_OOD.size());
    }
}
