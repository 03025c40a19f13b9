package org.specsoc.runner.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickLookTest {
    @TempDir
    Path dir;

    @Test
    void keepsEveryStrideThLineAndSampleAcrossTiles() {
        var q = new QuickLook("t", QuickLook.Style.CONTINUOUS, 1000, 250, 600);
        assertThat(q.width()).isEqualTo(125);
        assertThat(q.height()).isEqualTo(500);
        int bands = 2;
        for (int first = 0; first < 1000; first += 7) {
            int n = Math.min(7, 1000 - first);
            float[] tile = new float[n * 250 * bands];
            for (int l = 0; l < n; l++) {
                for (int s = 0; s < 250; s++) {
                    int line = first + l;
                    tile[(l * 250 + s) * bands + 1] = line == 500 ? -9999f : line * 1000 + s;
                }
            }
            q.accept(first, n, 250, bands, tile, 1, -9999f);
        }
        assertThat(q.value(0, 0)).isEqualTo(0f);
        assertThat(q.value(3, 2)).isEqualTo(4 * 1000 + 6);
        assertThat(q.value(124, 499)).isEqualTo(998 * 1000 + 248);
        assertThat(q.value(10, 250)).isNaN();   // line 500 was no-data
    }

    @Test
    void ticksAreRoundNumbersInsideTheRange() {
        assertThat(QuickLook.ticks(1.076, 3.116)).containsExactly(1.5, 2.0, 2.5, 3.0);
        assertThat(QuickLook.ticks(0.008, 0.0563)).containsExactly(new double[] {0.01, 0.02, 0.03, 0.04, 0.05},
                within(1e-12));
        assertThat(QuickLook.ticks(0, 1)).containsExactly(new double[] {0, 0.25, 0.5, 0.75, 1}, within(1e-12));
    }

    @Test
    void stretchIsRobustAndWidenedToShowTheMarker() {
        var q = new QuickLook("t", QuickLook.Style.CONTINUOUS, 1, 100, 600);
        float[] tile = new float[100];
        for (int i = 0; i < 100; i++) {
            tile[i] = i == 99 ? 1e6f : i;   // one wild pixel
        }
        q.accept(0, 1, 100, 1, tile, 0, -9999f);
        double[] r = q.range(Double.NaN);
        assertThat(r[0]).isCloseTo(1.98, within(1e-9));   // type 7: h = 99 x 0.02 + 1 = 2.98 -> 1 + 0.98
        assertThat(r[1]).isLessThan(100);
        assertThat(q.range(200)[1]).isCloseTo(210, within(1e-9));
    }

    @Test
    void noDataIsGreyAndTheColourScaleRunsDarkToBright() throws IOException {
        var q = new QuickLook("SOC", QuickLook.Style.CONTINUOUS, 2, 3, 600);
        q.accept(0, 2, 3, 1, new float[] {-9999f, 1, 2, 3, 4, 5}, 0, -9999f);
        Path png = dir.resolve("q.png");
        q.render(png, Double.NaN, "", Double.NaN);
        BufferedImage img = ImageIO.read(png.toFile());
        int zoom = 480 / 3;
        int left = 16;
        int top = 46;
        assertThat(new Color(img.getRGB(left + zoom / 2, top + zoom / 2))).isEqualTo(new Color(0xD9D9D9));
        Color low = new Color(img.getRGB(left + zoom + zoom / 2, top + zoom / 2));    // value 1, below p2
        Color high = new Color(img.getRGB(left + 2 * zoom + zoom / 2, top + zoom + zoom / 2));   // value 5
        assertThat(low).isEqualTo(QuickLook.viridis(0));
        assertThat(high).isEqualTo(QuickLook.viridis(1));
        assertThat(low.getRed() + low.getGreen() + low.getBlue())
                .isLessThan(high.getRed() + high.getGreen() + high.getBlue());
    }
}
