package dev.leibniz.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The data-cell number reader gives bit for bit what the JDK's {@link Double#parseDouble} gives
 * (the oracle), on random decimals of every length and exponent — the fast path (≤ 15
 * significant digits, exponent within ±22) and the fall-back — and refuses what is not a
 * decimal in the data-file syntax.
 */
class DecimalCellsProperties {
    @Property(tries = 2000)
    void sameDoubleAsTheJdk(@ForAll long seed) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder();
        switch (rnd.nextInt(4)) {
            case 0 -> sb.append('-');
            case 1 -> sb.append('+');
            default -> { }
        }
        int intDigits = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 6 : 20);
        for (int k = 0; k < intDigits; k++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        if (intDigits == 0 || rnd.nextBoolean()) {
            sb.append('.');
            int frac = (intDigits == 0 ? 1 : 0) + rnd.nextInt(rnd.nextBoolean() ? 6 : 20);
            for (int k = 0; k < frac; k++) {
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
        }
        if (rnd.nextInt(3) == 0) {
            sb.append(rnd.nextBoolean() ? 'e' : 'E').append(rnd.nextBoolean() ? "-" : rnd.nextBoolean() ? "+" : "")
                    .append(rnd.nextInt(rnd.nextBoolean() ? 30 : 400));
        }
        String s = sb.toString();
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(DecimalCells.parse(s)),
                s);
    }

    @Test
    void refusals() {
        for (String s : new String[] {"", "-", ".", "e5", "1e", "1e+", "NaN", "Infinity", "1d", "0x1p3", "1.2.3", "1,5",
            " 1", "1 ", "--1", "12345678901234567x"}) {
            assertEquals(true, Double.isNaN(DecimalCells.parse(s)), "'" + s + "'");
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(DecimalCells.parse("-0.000")));
        assertEquals(0.1, DecimalCells.parse(".1"));
        assertEquals(2.0, DecimalCells.parse("2."));
    }
}
