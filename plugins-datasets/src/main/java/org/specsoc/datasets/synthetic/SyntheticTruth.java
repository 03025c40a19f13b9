package org.specsoc.datasets.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.specsoc.api.data.SpectralLibrary;
import org.specsoc.api.io.AtomicFileWriter;

/**
 * What the generator planted, for tests and reports to compare against: per sample the mass fractions of every
 * mineral and of SOC, the SOC areal fraction f_SOC that entered the linear mixture, the rho*r of the SOC that
 * sample used and its water fraction; plus the endmember spectra themselves.
 *
 * @param minerals     the mineral endmembers (spectra on the data grid, rho*r)
 * @param socSpectrum  SOC endmember of ordinary regions, on the data grid
 * @param oodSocSpectra SOC endmember of each OOD region (each region has its own)
 * @param ids          sample ids, in data set row order
 * @param massFractions row-major rows x (minerals + 1): mineral mass fractions then SOC's; each row sums to 1
 * @param socAreal     planted f_SOC per sample
 * @param socRhoR      rho*r of SOC per sample
 * @param water        water mass fraction per sample (moisture option; 0 when dry)
 * @param oodRegions   regions generated as out of distribution
 */
public record SyntheticTruth(SpectralLibrary minerals, float[] socSpectrum, Map<Integer, float[]> oodSocSpectra,
                             String[] ids,
                             float[] massFractions, float[] socAreal, float[] socRhoR, float[] water,
                             List<Integer> oodRegions, SyntheticSettings settings) {

    public int rows() {
        return ids.length;
    }

    public int components() {
        return minerals.size() + 1;
    }

    public float massFraction(int row, int component) {
        return massFractions[row * components() + component];
    }

    public float socMass(int row) {
        return massFraction(row, minerals.size());
    }

    /**
     * Writes {@code truth_samples.csv}, {@code truth_endmembers.csv} and {@code truth.json} into {@code dir}
     * (each atomically).
     */
    public void writeTo(Path dir) throws IOException {
        int k = minerals.size();
        AtomicFileWriter.writeText(dir.resolve("truth_samples.csv"), w -> {
            try (CsvWriter csv = CsvWriter.builder().build(w)) {
                var header = new ArrayList<>(List.of("sample_id", "soc_mass", "soc_areal", "soc_rho_r", "water"));
                minerals.names().forEach(n -> header.add("mass_" + n));
                csv.writeRecord(header);
                for (int r = 0; r < rows(); r++) {
                    var row = new ArrayList<String>(header.size());
                    row.add(ids[r]);
                    row.add(Float.toString(socMass(r)));
                    row.add(Float.toString(socAreal[r]));
                    row.add(Float.toString(socRhoR[r]));
                    row.add(Float.toString(water[r]));
                    for (int i = 0; i < k; i++) {
                        row.add(Float.toString(massFraction(r, i)));
                    }
                    csv.writeRecord(row);
                }
            }
        });
        AtomicFileWriter.writeText(dir.resolve("truth_endmembers.csv"), w -> {
            try (CsvWriter csv = CsvWriter.builder().build(w)) {
                var header = new ArrayList<>(List.of("name", "rho_r"));
                for (double nm : minerals.wavelengths()) {
                    header.add("nm_" + formatNm(nm));
                }
                csv.writeRecord(header);
                for (int i = 0; i < k; i++) {
                    csv.writeRecord(spectrumRow(minerals.names().get(i), minerals.rhoR()[i], minerals.spectra()[i]));
                }
                csv.writeRecord(spectrumRow("soc", settings.socRhoR(), socSpectrum));
                for (var e : new java.util.TreeMap<>(oodSocSpectra).entrySet()) {
                    csv.writeRecord(spectrumRow("soc_region_" + e.getKey(), Double.NaN, e.getValue()));
                }
            }
        });
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("settings", settings.toString());
        summary.put("seed", settings.seed());
        summary.put("rows", rows());
        summary.put("ood_regions", oodRegions);
        summary.put("soc_rho_r", settings.socRhoR());
        summary.put("ood_soc_rho_r", settings.oodSocRhoR());
        summary.put("minerals", minerals.names());
        summary.put("mineral_rho_r", minerals.rhoR());
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary);
        AtomicFileWriter.writeText(dir.resolve("truth.json"), w -> w.write(json));
    }

    private static List<String> spectrumRow(String name, double rhoR, float[] values) {
        var row = new ArrayList<String>(values.length + 2);
        row.add(name);
        row.add(Double.toString(rhoR));
        for (float v : values) {
            row.add(Float.toString(v));
        }
        return row;
    }

    /** {@code 365} for whole numbers, {@code 365.5} otherwise. */
    public static String formatNm(double nm) {
        return nm == Math.rint(nm) ? Long.toString((long) nm) : Double.toString(nm);
    }
}
