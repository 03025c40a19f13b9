package org.specsoc.runner.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.specsoc.api.io.AtomicFileWriter;
import org.specsoc.runner.experiment.Metrics;
import org.specsoc.runner.experiment.RunResult;

/**
 * Writes a sweep's {@code runs.csv}, {@code summary.md} and {@code summary.json}, each atomically. Nothing in
 * them depends on when or in how many sittings the sweep ran (wall times aside, which come from the stored
 * runs), so a resumed sweep writes the same files.
 */
public final class ReportWriter {
    public static final String RUNS_CSV = "runs.csv";
    public static final String SUMMARY_MD = "summary.md";
    public static final String SUMMARY_JSON = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /** Writes the three files into {@code directory}. */
    public static void write(Path directory, ExperimentReport report, List<RunResult> runs, List<String> plots)
            throws IOException {
        AtomicFileWriter.write(directory.resolve(RUNS_CSV), runsCsv(runs, report));
        AtomicFileWriter.write(directory.resolve(SUMMARY_MD), markdown(report, plots));
        AtomicFileWriter.write(directory.resolve(SUMMARY_JSON), JSON.writeValueAsBytes(json(report)));
    }

    /**
     * One row per run. Metric columns are in the logged units (SOC and bias as mass fractions, MRMSE in
     * reflectance), with every digit, so the file can be re-analysed; the tables show percentages. {@code status}
     * is {@code ok}, {@code diverged} or {@code failed}, with the reason in {@code message}; a run that did not
     * succeed has empty metrics.
     */
    public static String runsCsv(List<RunResult> runs, ExperimentReport report) {
        var out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            var header = new ArrayList<>(List.of("experiment", "group", "seed", "architecture", "phase"));
            for (String set : List.of("train", "val")) {
                for (String m : List.of("rmse", "r2", "bias", "mrmse", "n")) {
                    header.add(set + "_" + m);
                }
            }
            header.addAll(List.of("rho_r_soc", "f_soc_mean", "f_soc_min", "f_soc_max", "f_soc_corr_planted",
                    "wall_s", "backend", "device", "learning_curve", "status", "message"));
            csv.writeRecord(header);
            double[] planted = report.truth().map(t -> t.socSpectrum()).orElse(null);
            for (RunResult r : runs) {
                var row = new ArrayList<String>(List.of(r.key().experiment(), r.key().group(),
                        Long.toString(r.key().seed()), r.key().architecture().configName(),
                        r.key().phase().configName()));
                for (Metrics m : List.of(r.training(), r.validation())) {
                    row.add(number(m.rmse()));
                    row.add(number(m.r2()));
                    row.add(number(m.bias()));
                    row.add(number(m.mrmse()));
                    row.add(Integer.toString(m.count()));
                }
                double[] f = r.socSpectrum();
                row.add(number(r.rhoRSoc()));
                row.add(f == null ? "" : number(java.util.Arrays.stream(f).average().orElse(Double.NaN)));
                row.add(f == null ? "" : number(java.util.Arrays.stream(f).min().orElse(Double.NaN)));
                row.add(f == null ? "" : number(java.util.Arrays.stream(f).max().orElse(Double.NaN)));
                row.add(f == null || planted == null || planted.length != f.length ? ""
                        : number(SocSpectrumSummary.correlation(f, planted)));
                row.add(number(r.wallSeconds()));
                row.add(nullToEmpty(r.backend()));
                row.add(nullToEmpty(r.device()));
                row.add(nullToEmpty(r.learningCurve()));
                row.add(r.status().configName());
                row.add(nullToEmpty(r.failure()));
                csv.writeRecord(row);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The summary in Markdown: the paper-layout table, then the tests and Experiment 2. */
    public static String markdown(ExperimentReport report, List<String> plots) {
        var sb = new StringBuilder();
        sb.append("# ").append(report.table().title()).append("\n\n");
        sb.append("Experiment `").append(report.experiment()).append("`. Mean ± standard error over runs;")
                .append(" RMSE, bias and MRMSE in %. Metrics computed with BatchNorm in **")
                .append(report.batchNormMode()).append("** mode.\n\n");
        if (!report.failures().isEmpty()) {
            sb.append("**").append(report.failures().size()).append(" of ").append(report.runs())
                    .append(" runs did not finish** and are left out of every table below (status and message in `")
                    .append(RUNS_CSV).append("`; running the same command again retries them):\n\n");
            sb.append("| run | status | reason |\n|---|---|---|\n");
            for (RunResult r : report.failures()) {
                sb.append("| ").append(r.key().id()).append(" | ").append(r.status().configName()).append(" | ")
                        .append(r.failure().replace("|", "\\|")).append(" |\n");
            }
            sb.append('\n');
        }
        sb.append("| | Training RMSE (%) | R² | Bias (%) | MRMSE (%) | Validation RMSE (%) | R² | Bias (%) |")
                .append(" MRMSE (%) | runs |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (ResultTable.Block block : report.table().blocks()) {
            sb.append("| **").append(block.name()).append("** | | | | | | | | | |\n");
            for (ResultTable.Row row : block.rows()) {
                sb.append("| ").append(row.architecture().label());
                for (MetricColumn c : MetricColumn.values()) {
                    sb.append(" | ").append(row.cell(c).format(3));
                }
                sb.append(" | ").append(row.runs()).append(" |\n");
            }
        }
        report.classification().ifPresent(c -> {
            sb.append("\nProblematic regions (").append(c.rule()).append("): ")
                    .append(c.problematic().isEmpty() ? "none" : String.join(", ", c.problematic()))
                    .append(". Generalizing: ").append(String.join(", ", c.generalising())).append(".\n");
        });
        report.truth().filter(t -> !t.oodGroups().isEmpty()).ifPresent(t -> sb.append("Planted out-of-distribution")
                .append(" regions: ").append(String.join(", ", t.oodGroups().stream().sorted(
                        org.specsoc.runner.experiment.PlanData.GROUP_ORDER).toList())).append(".\n"));
        report.plantedOodRecovered().ifPresent(ok -> sb.append(ok
                ? "The problematic regions are exactly the planted ones.\n"
                : "The problematic regions differ from the planted ones.\n"));
        if (!report.meanR2ByGroup().isEmpty()) {
            sb.append("\n| held-out region | mean validation R² |\n|---|---|\n");
            report.meanR2ByGroup().forEach((g, r2) -> sb.append("| ").append(g).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", r2)).append(" |\n"));
        }
        if (!report.welch().isEmpty()) {
            sb.append("\n## Welch two-tailed t-test: validation MRMSE, problematic vs generalizing\n\n");
            sb.append("| decoder | problematic MRMSE (%) | generalizing MRMSE (%) | t | df | p |\n");
            sb.append("|---|---|---|---|---|---|\n");
            for (WelchComparison w : report.welch()) {
                sb.append("| ").append(w.architecture().label()).append(" | ").append(w.problematic().format(3))
                        .append(" (n=").append(w.problematic().n()).append(") | ").append(w.generalising().format(3))
                        .append(" (n=").append(w.generalising().n()).append(") | ")
                        .append(String.format(Locale.ROOT, "%.4f | %.2f | %.3g", w.t(), w.df(), w.p()))
                        .append(" |\n");
            }
        }
        report.soc().ifPresent(s -> {
            sb.append("\n## Experiment 2: learned SOC spectrum\n\n");
            sb.append(String.format(Locale.ROOT, "(ρ·r)_SOC = %.4f ± %.4f mg m⁻² (mean ± standard deviation, ddof 0;"
                    + " standard error %.4f) over %d runs.%n", s.rhoRMean(), s.rhoRSd(), s.rhoRSe(), s.runs()));
            s.truthCorrelation().ifPresent(c -> sb.append(String.format(Locale.ROOT,
                    "Correlation of the mean f_SOC with the planted f_SOC: %.4f (per run: min %.4f).%n", c,
                    s.minRunCorrelation())));
        });
        if (!plots.isEmpty()) {
            sb.append("\n## Plots\n\n");
            for (String p : plots) {
                sb.append("![").append(p).append("](").append(p).append(")\n");
            }
        }
        return sb.toString();
    }

    static ObjectNode json(ExperimentReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("experiment", report.experiment());
        root.put("batchnormEvaluationMode", report.batchNormMode());
        root.put("runs", report.runs());
        root.put("failedRuns", report.failures().size());
        ArrayNode failures = root.putArray("failures");
        for (RunResult r : report.failures()) {
            ObjectNode f = failures.addObject();
            f.put("run", r.key().id());
            f.put("group", r.key().group());
            f.put("seed", r.key().seed());
            f.put("architecture", r.key().architecture().configName());
            f.put("phase", r.key().phase().configName());
            f.put("status", r.status().configName());
            f.put("message", r.failure());
        }
        root.put("units", "RMSE, bias and MRMSE in percent (logged fractions x 100); R2 dimensionless;"
                + " mean and standard error (ddof 1) over runs");
        ObjectNode table = root.putObject("table");
        table.put("title", report.table().title());
        ArrayNode blocks = table.putArray("blocks");
        for (ResultTable.Block block : report.table().blocks()) {
            ObjectNode b = blocks.addObject();
            b.put("name", block.name());
            ArrayNode rows = b.putArray("rows");
            for (ResultTable.Row row : block.rows()) {
                ObjectNode r = rows.addObject();
                r.put("architecture", row.architecture().configName());
                r.put("label", row.architecture().label());
                r.put("runs", row.runs());
                for (MetricColumn c : MetricColumn.values()) {
                    MeanSe v = row.cell(c);
                    ObjectNode cell = r.putObject(c.id());
                    putNumber(cell, "mean", v.mean());
                    putNumber(cell, "se", v.se());
                    cell.put("n", v.n());
                }
            }
        }
        report.classification().ifPresent(c -> {
            ObjectNode n = root.putObject("groups");
            n.put("rule", c.rule());
            c.problematic().forEach(n.putArray("problematic")::add);
            c.generalising().forEach(n.putArray("generalising")::add);
        });
        if (!report.meanR2ByGroup().isEmpty()) {
            ObjectNode n = root.putObject("meanValidationR2ByGroup");
            report.meanR2ByGroup().forEach((g, v) -> putNumber(n, g, v));
        }
        ArrayNode welch = root.putArray("welch");
        for (WelchComparison w : report.welch()) {
            ObjectNode n = welch.addObject();
            n.put("decoder", w.architecture().configName());
            n.put("metric", "val_MRMSE_pct");
            putNumber(n, "problematicMean", w.problematic().mean());
            putNumber(n, "problematicSe", w.problematic().se());
            n.put("problematicRuns", w.problematic().n());
            putNumber(n, "generalisingMean", w.generalising().mean());
            putNumber(n, "generalisingSe", w.generalising().se());
            n.put("generalisingRuns", w.generalising().n());
            putNumber(n, "t", w.t());
            putNumber(n, "df", w.df());
            putNumber(n, "p", w.p());
        }
        report.plantedOodRecovered().ifPresent(ok -> root.put("plantedOodRecovered", ok));
        report.truth().ifPresent(t -> t.oodGroups().stream().sorted(org.specsoc.runner.experiment.PlanData.GROUP_ORDER)
                .forEach(root.putArray("plantedOodGroups")::add));
        report.soc().ifPresent(s -> {
            ObjectNode n = root.putObject("socSpectrum");
            n.put("runs", s.runs());
            putNumber(n, "rhoRMean", s.rhoRMean());
            putNumber(n, "rhoRSdDdof0", s.rhoRSd());
            putNumber(n, "rhoRSe", s.rhoRSe());
            s.truthCorrelation().ifPresent(c -> putNumber(n, "correlationOfMeanWithPlanted", c));
            if (s.runCorrelations().length > 0) {
                putNumber(n, "minRunCorrelationWithPlanted", s.minRunCorrelation());
            }
            ArrayNode wl = n.putArray("wavelengths");
            ArrayNode mean = n.putArray("mean");
            ArrayNode sd = n.putArray("sdDdof0");
            for (int i = 0; i < s.wavelengths().length; i++) {
                wl.add(s.wavelengths()[i]);
                mean.add(s.mean()[i]);
                sd.add(s.sd()[i]);
            }
        });
        return root;
    }

    /** JSON has no NaN: a missing value is null. */
    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
