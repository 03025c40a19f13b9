package org.specsoc.datasets.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.specsoc.api.config.ConfigurationException;
import org.specsoc.api.data.SpectralDataset;
import org.specsoc.api.testing.SharedData;
import org.specsoc.datasets.TestContext;

class CollectionDatasetFactoryTest {
    @TempDir
    Path dir;

    private final CollectionDatasetFactory factory = new CollectionDatasetFactory();

    private SpectralDataset load(Map<String, String> keys) throws IOException {
        return factory.create(factory.configSpec().bind("dataset.", keys), new TestContext(dir)).load();
    }

    /** A wide CSV: sample_id, one label column, then nm_<w> columns; value(row, wavelength). */
    private Path csv(String relative, String labelColumn, double[] labels, double[] wavelengths,
                     java.util.function.BiFunction<Integer, Double, Double> value) throws IOException {
        var sb = new StringBuilder("sample_id,").append(labelColumn).append(",clay_pct");
        for (double w : wavelengths) {
            sb.append(",nm_").append((long) w);
        }
        sb.append('\n');
        for (int r = 0; r < labels.length; r++) {
            sb.append(r + 1).append(',').append(labels[r]).append(",20");
            for (double w : wavelengths) {
                sb.append(',').append(String.format(Locale.ROOT, "%.6f", value.apply(r, w)));
            }
            sb.append('\n');
        }
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb);
        return file;
    }

    private static double[] range(double start, double end, double step) {
        return IntStream.rangeClosed(0, (int) Math.round((end - start) / step)).mapToDouble(i -> start + i * step)
                .toArray();
    }

    /** Reflectance linear in wavelength: linear interpolation reproduces it exactly at any grid point. */
    private static final DoubleUnaryOperator LINEAR = w -> 0.1 + 0.0002 * w;

    private void twoMembers() throws IOException {
        // Percent labels, reflectance, every 25 nm from 400 nm.
        csv("a/percent.csv", "soc_pct", new double[] {2.0, 0.5, 7.5}, range(400, 2500, 25),
                (r, w) -> LINEAR.applyAsDouble(w) + 0.01 * r);
        // g/kg labels, absorbance, every 50 nm from 350 nm; constant per row so interpolation is exact too.
        csv("b/absorb.csv", "soc_g_per_kg", new double[] {15, 40}, range(350, 2500, 50), (r, w) -> 0.3 + 0.2 * r);
    }

    private Map<String, String> twoMemberKeys() {
        var keys = new HashMap<String, String>();
        keys.put("members", "a/percent.csv, b/absorb.csv");
        keys.put("grid.start", "460");
        keys.put("grid.end", "2460");
        keys.put("grid.step", "100");
        keys.put("absorbance-members", "absorb");
        return keys;
    }

    @Test
    void twoMembersAreResampledToOneGridWithMassFractionLabelsAndTheirMemberAsGroup() throws IOException {
        twoMembers();
        SpectralDataset d = load(twoMemberKeys());

        assertThat(d.rows()).isEqualTo(5);
        assertThat(d.wavelengths()).containsExactly(range(460, 2460, 100));
        assertThat(d.group("dataset")).containsExactly("percent", "percent", "percent", "absorb", "absorb");
        assertThat(d.ids()).containsExactly("percent/1", "percent/2", "percent/3", "absorb/1", "absorb/2");
        assertThat(d.group("pedon")).containsExactly(d.ids());
        // 2.0 %, 0.5 %, 7.5 %, then 15 and 40 g/kg, as mass fractions.
        float[] soc = d.socLabels();
        assertThat(soc[0]).isCloseTo(0.02f, within(1e-7f));
        assertThat(soc[1]).isCloseTo(0.005f, within(1e-7f));
        assertThat(soc[2]).isCloseTo(0.075f, within(1e-7f));
        assertThat(soc[3]).isCloseTo(0.015f, within(1e-7f));
        assertThat(soc[4]).isCloseTo(0.040f, within(1e-7f));
        // 460 nm lies between the first member's 450 and 475 nm columns: interpolated, exact for a line.
        for (int b = 0; b < d.bands(); b++) {
            double w = d.wavelength(b);
            assertThat((double) d.value(2, b)).as("row 3 at %s nm", w)
                    .isCloseTo(LINEAR.applyAsDouble(w) + 0.02, within(2e-6));
            // Absorbance 0.5 converted to reflectance 10^-0.5.
            assertThat((double) d.value(4, b)).isCloseTo(Math.pow(10, -0.5), within(2e-6));
        }
        assertThat(d.provenance().source()).isEqualTo("collection");
        assertThat(d.provenance().files()).hasSize(2);
        assertThat(d.provenance().facts()).containsEntry("member.absorb.quantity", "absorbance")
                .containsEntry("member.percent.rows", "3");
    }

    @Test
    void organicMatterIsConvertedAndAnOverrideNamesTheLabelColumn() throws IOException {
        csv("som.csv", "som_pct", new double[] {3.448}, range(400, 2500, 100), (r, w) -> 0.3);
        // Two carbon columns: which one is the label must be said.
        Path two = dir.resolve("two.csv");
        Files.writeString(two, "sample_id,soc_pct,organic_carbon_g_per_kg,nm_400,nm_2500\nx,1.0,12,0.2,0.4\n");
        var keys = Map.of("members", "som.csv, two.csv", "grid.start", "400", "grid.end", "2500", "grid.step", "100",
                "label-columns", "two=organic_carbon_g_per_kg");
        SpectralDataset d = load(keys);
        assertThat(d.soc(0)).isCloseTo(0.02f, within(1e-6f)); // 3.448 % SOM / 1.724
        assertThat(d.soc(1)).isCloseTo(0.012f, within(1e-7f));

        var noOverride = new HashMap<>(keys);
        noOverride.remove("label-columns");
        assertThatThrownBy(() -> load(noOverride)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("member two.csv: several carbon label columns [soc_pct, organic_carbon_g_per_kg]")
                .hasMessageContaining("dataset.label-columns=two=<column>");
    }

    @Test
    void aMemberThatDoesNotCoverTheGridIsOneErrorNamingItsFileAndTheMissingRange() throws IOException {
        twoMembers();
        csv("c/short.csv", "soc_pct", new double[] {1.0}, range(500, 2000, 10), (r, w) -> 0.3);
        var keys = twoMemberKeys();
        keys.put("members", "a/percent.csv, c/short.csv, b/absorb.csv");
        assertThatThrownBy(() -> load(keys)).isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).singleElement().asString()
                        .contains("member c/short.csv covers 500-2000 nm")
                        .contains("460-2460 nm also needs 460-500 nm and 2000-2460 nm")
                        .contains("dataset.grid.start/dataset.grid.end"));
    }

    @Test
    void configurationMistakesNameTheirKey() throws IOException {
        twoMembers();
        var unknown = twoMemberKeys();
        unknown.put("absorbance-members", "absorbed");
        assertThatThrownBy(() -> load(unknown)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("key 'dataset.absorbance-members': 'absorbed' is not a member");
        assertThatThrownBy(() -> load(Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("key 'dataset.members'");
        var missing = twoMemberKeys();
        missing.put("members", "a/percent.csv, a/nothing.csv");
        missing.remove("absorbance-members");
        assertThatThrownBy(() -> load(missing)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("member a/nothing.csv").hasMessageContaining("does not exist");
        csv("vol.csv", "soc_g_per_dm3", new double[] {10}, range(400, 2500, 100), (r, w) -> 0.3);
        var volumetric = twoMemberKeys();
        volumetric.put("members", "vol.csv");
        volumetric.remove("absorbance-members");
        assertThatThrownBy(() -> load(volumetric)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'soc_g_per_dm3' is volumetric");
        assertThatThrownBy(() -> factory.configSpec().bind("dataset.", Map.of("members", "a.csv", "grid.stepp", "1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("dataset.grid.stepp");
    }

    @Test
    void aLabelThatIsNoMassFractionIsRefusedNamingTheSample() throws IOException {
        csv("big.csv", "soc_fraction", new double[] {0.2, 12}, range(400, 2500, 100), (r, w) -> 0.3);
        assertThatThrownBy(() -> load(Map.of("members", "big.csv", "grid.start", "400", "grid.end", "2500",
                "grid.step", "100"))).isInstanceOf(IOException.class).hasMessageContaining("big.csv")
                .hasMessageContaining("sample '2'").hasMessageContaining("outside 0..1");
    }

    /** The seven real members of examples/real-leave-one-dataset-out.properties, read in place. */
    @Test
    void theRealCollectionOfTheExample() throws IOException {
        Path root = SharedData.require("limesoda_visnir").getParent();
        List<String> members = List.of("limesoda_visnir/limesoda_SSP_460.csv", "limesoda_visnir/limesoda_SC_93.csv",
                "limesoda_visnir/limesoda_CV_98.csv", "limesoda_visnir/limesoda_SL_125.csv",
                "limesoda_visnir/limesoda_UL_120.csv", "geeves_wheatbelt_visnir/geeves_visnir_total_carbon.csv",
                "csiro_australia100_visnir/australia100_visnir_organic_carbon.csv");
        SpectralDataset d = load(Map.of("members", String.join(",", members), "root", root.toString(),
                "grid.start", "420", "grid.end", "2490", "grid.step", "10"));

        assertThat(d.wavelengths()).hasSize(208).startsWith(420.0).endsWith(2490.0);
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String g : d.group("dataset")) {
            counts.merge(g, 1L, Long::sum);
        }
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("limesoda_SSP_460", 460L, "limesoda_SC_93", 93L,
                "limesoda_CV_98", 98L, "limesoda_SL_125", 125L, "limesoda_UL_120", 120L,
                "geeves_visnir_total_carbon", 391L, "australia100_visnir_organic_carbon", 100L));
        assertThat(d.labelledCount()).isEqualTo(d.rows()).isEqualTo(1387);
        assertThat(Arrays.stream(d.ids()).distinct().count()).isEqualTo(1387);
        // Label ranges of the READMEs, as SOC mass fractions (SOM of SL.125 and UL.120 divided by 1.724).
        assertThat(range(d, "limesoda_SSP_460")).containsExactly(0.001, 0.051);
        assertThat(range(d, "limesoda_SC_93")).containsExactly(0.0197, 0.0887);
        assertThat(range(d, "limesoda_SL_125")[0]).isCloseTo(0.020 / 1.724, within(2e-4));
        assertThat(range(d, "geeves_visnir_total_carbon")).containsExactly(0.0006, 0.1274);
        assertThat(range(d, "australia100_visnir_organic_carbon")).containsExactly(0.0005, 0.0953);
        for (float v : d.socLabels()) {
            assertThat(v).isBetween(0f, 1f);
        }
        for (float v : d.spectra()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    /** Min and max label of one member, rounded to 4 decimals. */
    private static double[] range(SpectralDataset d, String member) {
        String[] g = d.group("dataset");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < d.rows(); r++) {
            if (g[r].equals(member)) {
                lo = Math.min(lo, d.soc(r));
                hi = Math.max(hi, d.soc(r));
            }
        }
        return new double[] {Math.round(lo * 1e4) / 1e4, Math.round(hi * 1e4) / 1e4};
    }
}
