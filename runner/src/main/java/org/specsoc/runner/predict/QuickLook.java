package org.specsoc.runner.predict;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.commons.statistics.descriptive.Quantile;
import org.specsoc.api.io.AtomicFileWriter;

/**
 * A PNG quick-look of one output band of a predicted image, with a colour bar and its value labels, built
 * while the image streams past: every {@code stride}-th line and sample is kept (at most {@code maxSize} on the
 * longer side), so the quick-look of any scene fits in memory.
 *
 * <p>Drawn with Java2D: XChart's heat map draws one rectangle and one axis label per cell, which suits a
 * matrix of tens of cells, not a raster. Continuous bands use the viridis colour map (perceptually uniform,
 * readable by colour-blind viewers) stretched over the 2nd-98th percentile of the valid values, so that a few
 * extreme pixels do not wash the map out; an optional marker (the OOD threshold on the MRMSE bar) is drawn on the
 * bar and the stretch widened to include it. The flag band is drawn in two colours with the share of valid
 * pixels flagged. No-data pixels are light grey.
 */
public final class QuickLook {
    /** viridis at 0, 1/9, ..., 1 (matplotlib's table, as in R's {@code viridis(10)}). */
    private static final int[] VIRIDIS = {0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779,
            0x6DCD59, 0xB4DE2C, 0xFDE725};
    private static final Color NO_DATA = new Color(0xD9D9D9);
    private static final Color NOT_FLAGGED = new Color(0x3E4A89);
    private static final Color FLAGGED = new Color(0xE8590C);
    private static final Color MARKER = new Color(0xD62728);

    /** How a band is drawn. */
    public enum Style { CONTINUOUS, FLAG }

    private final String title;
    private final Style style;
    private final int stride;
    private final int width;
    private final int height;
    private final float[] values;

    /**
     * @param title   e.g. "SOC (% by mass)"
     * @param lines   image lines
     * @param samples image samples
     * @param maxSize longest side of the kept raster
     */
    public QuickLook(String title, Style style, int lines, int samples, int maxSize) {
        this.title = title;
        this.style = style;
        this.stride = Math.max(1, (int) Math.ceil(Math.max(lines, samples) / (double) maxSize));
        this.width = (samples + stride - 1) / stride;
        this.height = (lines + stride - 1) / stride;
        this.values = new float[width * height];
        Arrays.fill(values, Float.NaN);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The kept value at quick-look pixel (x, y); {@code NaN} for no-data. */
    public float value(int x, int y) {
        return values[y * width + x];
    }

    /**
     * Takes the kept pixels of a block of lines.
     *
     * @param tile  pixel-major values, {@code lineCount x samples x bands}
     * @param band  which band of the tile this quick-look shows
     * @param noData value marking no-data (NaN values are no-data too)
     */
    public void accept(int firstLine, int lineCount, int samples, int bands, float[] tile, int band, float noData) {
        for (int line = firstLine; line < firstLine + lineCount; line++) {
            if (line % stride != 0) {
                continue;
            }
            int y = line / stride;
            for (int s = 0; s < samples; s += stride) {
                float v = tile[((line - firstLine) * samples + s) * bands + band];
                values[y * width + s / stride] = v == noData ? Float.NaN : v;
            }
        }
    }

    /**
     * Writes the PNG atomically.
     *
     * @param marker      a value to mark on the colour bar, {@code NaN} for none
     * @param markerLabel its label, e.g. "OOD threshold"
     * @param flaggedShare for {@link Style#FLAG}: share of valid pixels flagged (over the full image)
     */
    public void render(Path png, double marker, String markerLabel, double flaggedShare) throws IOException {
        BufferedImage image = draw(marker, markerLabel, flaggedShare);
        Path tmp = AtomicFileWriter.createTemporarySibling(png);
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(tmp, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    BufferedImage draw(double marker, String markerLabel, double flaggedShare) {
        int zoom = Math.max(1, 480 / Math.max(width, height));
        int mapW = width * zoom;
        int mapH = height * zoom;
        int margin = 16;
        int titleH = 30;
        int barW = 22;
        int barH = Math.max(mapH, 260);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        double[] range = style == Style.CONTINUOUS ? range(marker) : new double[] {0, 1};
        double[] ticks = style == Style.CONTINUOUS ? ticks(range[0], range[1]) : new double[0];
        String[] tickLabels = new String[ticks.length];
        for (int i = 0; i < ticks.length; i++) {
            tickLabels[i] = tickLabel(ticks[i], ticks.length > 1 ? ticks[1] - ticks[0] : 1);
        }
        String markerText = Double.isFinite(marker) ? markerLabel + " " + significant(marker) : "";
        String[] flagLines = style == Style.FLAG ? flagLegend(flaggedShare) : new String[0];
        boolean widened = Double.isFinite(marker) && marker * 1.05 >= range[1];
        String note = style == Style.CONTINUOUS ? "colours span the 2nd\u201398th percentile of the valid pixels"
                + (widened ? " and the threshold" : "") : "";

        // measure the legend before sizing the picture, so that no label is cut off
        var scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics fm = scratch.getFontMetrics(font);
        int tickW = 0;
        for (String t : tickLabels) {
            tickW = Math.max(tickW, fm.stringWidth(t));
        }
        int legendW = 7 + tickW + (markerText.isEmpty() ? 0 : 12 + fm.stringWidth(markerText));
        for (String line : flagLines) {
            legendW = Math.max(legendW, 30 + fm.stringWidth(line));
        }
        legendW = Math.max(legendW, 8 + fm.stringWidth("no data")) + margin;
        int titleW = scratch.getFontMetrics(titleFont).stringWidth(title);
        scratch.dispose();
        int imgW = Math.max(margin + mapW + 24 + barW + legendW,
                2 * margin + Math.max(titleW, fm.stringWidth(note)));
        int imgH = titleH + margin + barH + 52;

        var img = new BufferedImage(imgW, imgH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, imgW, imgH);
            g.setColor(Color.BLACK);
            g.setFont(titleFont);
            g.drawString(title, margin, margin + 10);
            g.setFont(font);

            var raster = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            boolean anyNoData = false;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float v = values[y * width + x];
                    anyNoData |= Float.isNaN(v);
                    raster.setRGB(x, y, colour(v, range).getRGB());
                }
            }
            int top = titleH + margin;
            g.drawImage(raster, margin, top, mapW, mapH, null);
            g.setColor(Color.GRAY);
            g.drawRect(margin - 1, top - 1, mapW + 1, mapH + 1);

            int barX = margin + mapW + 24;
            if (style == Style.CONTINUOUS) {
                drawBar(g, barX, top, barW, barH, range, ticks, tickLabels, tickW, marker, markerText);
                g.setColor(Color.DARK_GRAY);
                g.drawString(note, margin, top + barH + 40);
            } else {
                drawFlagLegend(g, barX, top, flagLines);
            }
            if (anyNoData) {
                int y = top + barH + 12;
                g.setColor(NO_DATA);
                g.fillRect(barX, y, barW, 14);
                g.setColor(Color.GRAY);
                g.drawRect(barX, y, barW, 14);
                g.setColor(Color.BLACK);
                g.drawString("no data", barX + barW + 8, y + 12);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void drawBar(Graphics2D g, int x, int top, int w, int h, double[] range, double[] ticks,
                                String[] tickLabels, int tickW, double marker, String markerText) {
        for (int i = 0; i < h; i++) {
            double t = 1 - i / (double) (h - 1);
            g.setColor(viridis(t));
            g.fillRect(x, top + i, w, 1);
        }
        g.setColor(Color.GRAY);
        g.drawRect(x, top, w, h);
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        for (int k = 0; k < ticks.length; k++) {
            double t = (ticks[k] - range[0]) / (range[1] - range[0]);
            int y = top + (int) Math.round((1 - t) * (h - 1));
            g.drawLine(x + w, y, x + w + 4, y);
            g.drawString(tickLabels[k], x + w + 7, y + fm.getAscent() / 2 - 1);
        }
        if (Double.isFinite(marker)) {
            double t = (marker - range[0]) / (range[1] - range[0]);
            int y = top + (int) Math.round((1 - t) * (h - 1));
            g.setColor(MARKER);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(x - 4, y, x + w + 4, y);
            g.drawString(markerText, x + w + 7 + tickW + 12, y + fm.getAscent() / 2 - 1);
            g.setStroke(new BasicStroke(1f));
        }
    }

    private static String[] flagLegend(double flaggedShare) {
        String share = Double.isNaN(flaggedShare) ? "" : String.format(Locale.ROOT, " (%.1f %%)",
                100 * flaggedShare);
        String kept = Double.isNaN(flaggedShare) ? "" : String.format(Locale.ROOT, " (%.1f %%)",
                100 * (1 - flaggedShare));
        return new String[] {"flagged: out of distribution" + share, "not flagged" + kept,
                "flagged = reconstruction error above", "the threshold calibrated in training"};
    }

    private static void drawFlagLegend(Graphics2D g, int x, int top, String[] lines) {
        g.setColor(FLAGGED);
        g.fillRect(x, top, 22, 14);
        g.setColor(Color.BLACK);
        g.drawString(lines[0], x + 30, top + 12);
        g.setColor(NOT_FLAGGED);
        g.fillRect(x, top + 24, 22, 14);
        g.setColor(Color.BLACK);
        g.drawString(lines[1], x + 30, top + 36);
        g.setColor(Color.DARK_GRAY);
        g.drawString(lines[2], x, top + 66);
        g.drawString(lines[3], x, top + 80);
    }

    /** Round-number ticks (steps of 1, 2, 2.5 or 5 x 10^k) inside [lo, hi], about five of them. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / magnitude;
        double step = (n < 1.5 ? 1 : n < 2.25 ? 2 : n < 3.5 ? 2.5 : n < 7.5 ? 5 : 10) * magnitude;
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        double[] t = new double[(int) Math.max(0, last - first + 1)];
        for (int i = 0; i < t.length; i++) {
            t[i] = (first + i) * step;
        }
        return t;
    }

    private static String tickLabel(double value, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (Math.abs(step / Math.pow(10, -decimals) - Math.rint(step / Math.pow(10, -decimals))) > 1e-6) {
            decimals++;   // steps of 2.5 x 10^k need one more digit
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String significant(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private Color colour(float v, double[] range) {
        if (Float.isNaN(v)) {
            return NO_DATA;
        }
        if (style == Style.FLAG) {
            return v >= 0.5f ? FLAGGED : NOT_FLAGGED;
        }
        return viridis((v - range[0]) / (range[1] - range[0]));
    }

    /** The 2nd-98th percentile of the valid kept values, widened to include {@code marker}. */
    double[] range(double marker) {
        double[] valid = new double[values.length];
        int n = 0;
        for (float v : values) {
            if (!Float.isNaN(v)) {
                valid[n++] = v;
            }
        }
        double lo;
        double hi;
        if (n == 0) {
            lo = 0;
            hi = 1;
        } else {
            double[] q = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7)
                    .evaluate(Arrays.copyOf(valid, n), 0.02, 0.98);
            lo = q[0];
            hi = q[1];
        }
        if (Double.isFinite(marker)) {
            lo = Math.min(lo, marker);
            hi = Math.max(hi, marker * 1.05);
        }
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.05;
            lo -= pad;
            hi += pad;
        }
        return new double[] {lo, hi};
    }

    static Color viridis(double t) {
        double c = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) c, VIRIDIS.length - 2);
        double f = c - i;
        int a = VIRIDIS[i];
        int b = VIRIDIS[i + 1];
        return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xFF) * (1 - f) + (b & 0xFF) * f);
    }
}
