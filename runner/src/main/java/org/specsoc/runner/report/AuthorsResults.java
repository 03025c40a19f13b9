package org.specsoc.runner.report;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.specsoc.runner.experiment.Architecture;
import org.specsoc.runner.experiment.Metrics;
import org.specsoc.runner.experiment.Phase;
import org.specsoc.runner.experiment.RunKey;
import org.specsoc.runner.experiment.RunResult;

/**
 * Reads the authors' logged per-run results (the {@code authors-results} data folder: W&B run summaries) as
 * run results, so that the same report code that summarises our sweeps recomputes the paper's Tables 1-3.
 * The no-decoder model's decoder columns are logged as 0; they become NaN (N/A). (rho*r)_SOC is kept.
 */
public final class AuthorsResults {
    public static final String TABLE1 = "table1_6040_split_runs.csv";
    public static final String EXP1 = "exp1_loro_full_labels_runs.csv";
    public static final String EXP3 = "exp3_loro_partial_labels_runs.csv";

    private AuthorsResults() {
    }

    /** Table 1: 3 models x 10 seeds (seed unknown per row: the run order stands in). */
    public static List<RunResult> table1(Path folder) throws IOException {
        return read(folder.resolve(TABLE1), "split", "", Phase.TRAIN);
    }

    /** Experiment 1 / Table 2: 3 models x 17 regions x 4 seeds. */
    public static List<RunResult> experiment1(Path folder) throws IOException {
        return read(folder.resolve(EXP1), "loro", "", Phase.TRAIN);
    }

    /** Experiment 3 / Table 3: the pre-training and the fine-tuning results of 3 x 17 x 4 runs. */
    public static List<RunResult> experiment3(Path folder) throws IOException {
        var out = new ArrayList<>(read(folder.resolve(EXP3), "finetune", "", Phase.PRETRAIN));
        out.addAll(read(folder.resolve(EXP3), "finetune", "Finetune", Phase.FINETUNE));
        return out;
    }

    private static List<RunResult> read(Path file, String experiment, String phaseInfix, Phase phase)
            throws IOException {
        var out = new ArrayList<RunResult>();
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(file)) {
            for (NamedCsvRecord r : csv) {
                Architecture a = switch (r.getField("model")) {
                    case "no_decoder" -> Architecture.NONE;
                    case "ann_decoder" -> Architecture.ANN;
                    case "physics_decoder" -> Architecture.LINEAR_MIXING;
                    default -> throw new IOException(file + " line " + r.getStartingLineNumber()
                            + ", column 'model': unknown model '" + r.getField("model") + "'");
                };
                String group = r.findField("heldout_region").orElse("60:40");
                long seed = Long.parseLong(r.findField("seed_inferred").or(() -> r.findField("seed_block"))
                        .orElse(r.getField("run_order")));
                var key = new RunKey(experiment, group, seed, a, phase);
                String train = phaseInfix.isEmpty() ? "Training" : phaseInfix + "Training";
                String val = phaseInfix.isEmpty() ? "Validation" : phaseInfix + "Validation";
                Metrics training = metrics(r, file, train, a);
                Metrics validation = metrics(r, file, val, a);
                double rhoR = r.findField("rrSOC_final").filter(s -> !s.isBlank())
                        .map(s -> number(r, file, "rrSOC_final")).orElse(Double.NaN);
                out.add(new RunResult(key, training, validation, null, phase == Phase.TRAIN ? rhoR : Double.NaN,
                        Double.NaN, "pytorch (authors)", "", null));
            }
        }
        return out;
    }

    private static Metrics metrics(NamedCsvRecord r, Path file, String set, Architecture a) throws IOException {
        double mrmse = a.hasDecoder() ? number(r, file, "Decoder_" + set + "_MRMSE") : Double.NaN;
        return new Metrics(number(r, file, "Encoder_" + set + "_RMSEP"), number(r, file, "Encoder_" + set + "_R2"),
                number(r, file, "Encoder_" + set + "_Bias"), mrmse, 0);
    }

    private static double number(NamedCsvRecord r, Path file, String column) {
        String text = r.getField(column);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + r.getStartingLineNumber() + ", column '" + column
                    + "': '" + text + "' is not a number", e);
        }
    }
}
