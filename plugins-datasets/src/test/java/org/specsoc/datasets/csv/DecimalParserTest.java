package org.specsoc.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalParserTest {

    private static float parse(String s) throws DecimalParser.NotANumber {
        // Parse from the middle of a larger buffer, as the CSV reader does.
        char[] buf = ("xx," + s + ",yy").toCharArray();
        return DecimalParser.parse(buf, 3, s.length());
    }

    @Test
    void agreesWithTheJdkBitForBitOnRandomDecimals() throws Exception {
        var random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double v = random.nextDouble() * Math.pow(10, random.nextInt(-8, 6)) * (random.nextBoolean() ? 1 : -1);
            String text = switch (i % 3) {
                case 0 -> Double.toString(v);
                case 1 -> String.format("%.6f", v);
                default -> String.format("%.9e", v);
            };
            assertThat(Float.floatToIntBits(parse(text))).as(text)
                    .isEqualTo(Float.floatToIntBits(Float.parseFloat(text)));
        }
    }

    @Test
    void roundsCorrectlyWhereANaiveDoubleThenFloatPathRoundsTwice() throws Exception {
        // Just below the midpoint between two floats: rounding first to double lands on the midpoint.
        String text = "1.00000005960464477539062499";
        assertThat(parse(text)).isEqualTo(Float.parseFloat(text)).isEqualTo(1.0f);
    }

    @Test
    void missingValuesAreNaN() throws Exception {
        for (String s : new String[] {"", "   ", "NA", "na", "NaN", "nan", " NA "}) {
            assertThat(parse(s)).as("'" + s + "'").isNaN();
        }
    }

    @Test
    void surroundingSpacesAndExponentsAreRead() throws Exception {
        assertThat(parse(" 0.25 ")).isEqualTo(0.25f);
        assertThat(parse("1e-3")).isEqualTo(0.001f);
        assertThat(parse("-2.5E2")).isEqualTo(-250f);
        assertThat(parse("+.5")).isEqualTo(0.5f);
    }

    @Test
    void textThatIsNotANumberIsRefused() {
        for (String s : new String[] {"abc", "1.2.3", "0,5", "1e", "N/A", "--1", "1 2"}) {
            assertThatThrownBy(() -> parse(s)).as(s).isInstanceOf(DecimalParser.NotANumber.class);
        }
    }
}
