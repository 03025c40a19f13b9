package org.specsoc.runner.report;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.specsoc.api.io.AtomicFileWriter;
import org.specsoc.runner.experiment.Architecture;
import org.specsoc.runner.experiment.GroundTruth;
import org.specsoc.runner.experiment.PlanData;
import org.specsoc.runner.experiment.RunResult;

/**
 * The sweep's figures, each as PNG and SVG (XChart): the learned f_SOC per run with its mean and the 1400,
 * 1900 and 2500 nm reference lines (the paper's Figure 3); validation R² against validation MRMSE per held-out
 * region (the out-of-distribution signal); the learning curves.
 */
public final class ReportPlots {
    /** Reflectance troughs the paper marks in red (water at 1400 and 1900 nm, humic acid/carbonate near 2500). */
    static final double[] REFERENCE_NM = {1400, 1900, 2500};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int MAX_CURVES = 60;

    private ReportPlots() {
    }

    /** Draws every figure that has data and returns the PNG file names written; failed runs are left out. */
    public static List<String> write(Path directory, ExperimentReport report, List<RunResult> all) throws IOException {
        List<RunResult> runs = all.stream().filter(RunResult::succeeded).toList();
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        var written = new ArrayList<String>();
        if (report.soc().isPresent()) {
            written.add(save(directory, "f-soc", socChart(report.soc().get(), runs, report.truth().orElse(null))));
        }
        if (!report.meanR2ByGroup().isEmpty()) {
            XYChart chart = r2VsMrmse(runs, report.architectures());
            if (!chart.getSeriesMap().isEmpty()) {
                written.add(save(directory, "r2-vs-mrmse", chart));
            }
        }
        XYChart curves = learningCurves(directory, runs);
        if (!curves.getSeriesMap().isEmpty()) {
            written.add(save(directory, "learning-curves", curves));
        }
        return written;
    }

    static XYChart socChart(SocSpectrumSummary soc, List<RunResult> runs, GroundTruth truth) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Learned SOC spectrum f_SOC")
                .xAxisTitle("Wavelength (nm)").yAxisTitle("Reflectance").build();
        chart.getStyler().setMarkerSize(0).setLegendVisible(true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int i = 0;
        for (RunResult r : runs) {
            if (r.socSpectrum() == null) {
                continue;
            }
            XYSeries s = line(chart.addSeries("run " + (++i) + " " + r.key().group() + "/" + r.key().seed(),
                    soc.wavelengths(), r.socSpectrum()), new Color(150, 150, 150, 110), 0.8f);
            s.setShowInLegend(false);
            for (double v : r.socSpectrum()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        line(chart.addSeries("mean f_SOC (" + soc.runs() + " runs)", soc.wavelengths(), soc.mean()), Color.BLACK, 2.5f);
        // A preprocessing step that changed the grid leaves the planted spectrum on the raw grid: not drawn.
        if (truth != null && truth.socSpectrum().length == soc.wavelengths().length) {
            XYSeries planted = line(chart.addSeries("planted f_SOC", soc.wavelengths(), truth.socSpectrum()),
                    new Color(30, 90, 200), 2f);
            planted.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 6f}, 0f));
            for (double v : truth.socSpectrum()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double first = soc.wavelengths()[0];
        double last = soc.wavelengths()[soc.wavelengths().length - 1];
        for (double nm : REFERENCE_NM) {
            if (nm >= first && nm <= last) {
                line(chart.addSeries((int) nm + " nm", new double[] {nm, nm}, new double[] {lo, hi}), Color.RED,
                        1.2f).setShowInLegend(false);
            }
        }
        return chart;
    }

    /** One point per held-out region and decoder: mean validation MRMSE (%) and mean validation R² over seeds. */
    static XYChart r2VsMrmse(List<RunResult> runs, List<Architecture> architectures) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Held-out regions: validation R² against validation MRMSE")
                .xAxisTitle("Validation MRMSE (%)").yAxisTitle("Validation R²").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(9);
        for (Architecture a : architectures) {
            if (!a.hasDecoder()) {
                continue;
            }
            var byGroup = new TreeMap<String, double[]>(PlanData.GROUP_ORDER);
            for (RunResult r : runs) {
                double mrmse = MetricColumn.VAL_MRMSE.value(r);
                if (r.key().architecture() != a || !Double.isFinite(mrmse)) {
                    continue;
                }
                double[] s = byGroup.computeIfAbsent(r.key().group(), g -> new double[3]);
                s[0] += mrmse;
                s[1] += r.validation().r2();
                s[2]++;
            }
            if (byGroup.isEmpty()) {
                continue;
            }
            double[] x = byGroup.values().stream().mapToDouble(s -> s[0] / s[2]).toArray();
            double[] y = byGroup.values().stream().mapToDouble(s -> s[1] / s[2]).toArray();
            chart.addSeries(a.label() + " (regions " + String.join(",", byGroup.keySet()) + ")", x, y);
        }
        return chart;
    }

    /** The first metric column (the loss) of every run's curve against epoch; at most 60 runs are drawn. */
    static XYChart learningCurves(Path directory, List<RunResult> runs) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Learning curves")
                .xAxisTitle("Epoch").yAxisTitle("Loss").build();
        chart.getStyler().setMarkerSize(0).setLegendVisible(false);
        int drawn = 0;
        for (RunResult r : runs) {
            if (r.learningCurve() == null || drawn >= MAX_CURVES) {
                continue;
            }
            Path file = directory.resolve(r.learningCurve());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Map<String, double[]> curve = readCurve(file);
            if (curve.size() < 2) {
                continue;
            }
            var it = curve.entrySet().iterator();
            double[] epochs = it.next().getValue();
            double[] loss = it.next().getValue();
            if (epochs.length == 0) {
                continue;
            }
            XYSeries s = chart.addSeries(r.key().id(), epochs, loss);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(1f);
            drawn++;
        }
        return chart;
    }

    /** Columns of a curve file by header, in file order. */
    static Map<String, double[]> readCurve(Path file) throws IOException {
        var columns = new java.util.LinkedHashMap<String, List<Double>>();
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(file)) {
            for (NamedCsvRecord rec : csv) {
                for (String h : rec.getHeader()) {
                    String text = rec.getField(h);
                    double v;
                    try {
                        v = text.isBlank() ? Double.NaN : Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new IOException(file + " line " + rec.getStartingLineNumber() + ", column '" + h
                                + "': '" + text + "' is not a number", e);
                    }
                    columns.computeIfAbsent(h, k -> new ArrayList<>()).add(v);
                }
            }
        }
        var out = new java.util.LinkedHashMap<String, double[]>();
        columns.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    private static XYSeries line(XYSeries series, Color color, float width) {
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineWidth(width);
        return series;
    }

    private static String save(Path directory, String name, XYChart chart) throws IOException {
        AtomicFileWriter.write(directory.resolve(name + ".png"),
                BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        var svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        AtomicFileWriter.write(directory.resolve(name + ".svg"), svg.toByteArray());
        return name + ".png";
    }
}
