package dev.leibniz.core.prim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link CyclicShifts#addBack}, the reverse rule of {@code roll} for several rolls of one
 * argument in one pass. Oracle: the rolls' rules applied one after the other by index arithmetic
 * written here — x̄[r, c] += ȳₖ[(r + aₖ) mod R, (c + bₖ) mod C] for k = 0, 1, … — whose
 * additions per element are the same in the same order, so every element must have the same
 * bits, with NaN, ±∞ and ±0 among the adjoints and x̄'s elements at an offset and a stride
 * (elements between them untouched).
 */
class CyclicShiftsProperties {
    private static final double[] POISON = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0};

    private static double next(SplittableRandom r) {
        return r.nextInt(8) == 0 ? POISON[r.nextInt(POISON.length)] : r.nextDouble(-2, 2);
    }

    @Property(tries = 300)
    void onePassAddsWhatTheRollsOneAfterTheOtherAdd(@ForAll @IntRange(min = 1, max = 9) int rows,
            @ForAll @IntRange(min = 1, max = 9) int cols, @ForAll @IntRange(min = 1, max = 9) int count,
            @ForAll @IntRange(min = 0, max = 2) int gxo, @ForAll @IntRange(min = 1, max = 3) int gxs, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int size = rows * cols;
        double[][] gy = new double[count][];
        int[] gyo = new int[count];
        int[] a = new int[count];
        int[] b = new int[count];
        for (int k = 0; k < count; k++) {
            gyo[k] = r.nextInt(3);
            gy[k] = new double[gyo[k] + size];
            for (int e = 0; e < gy[k].length; e++) {
                gy[k][e] = next(r);
            }
            int shift = r.nextInt(-20, 21);                  // shifts other than ±1, along either axis
            if (r.nextBoolean()) {
                a[k] = Math.floorMod(shift, rows);
            } else {
                b[k] = Math.floorMod(shift, cols);
            }
        }
        double[] gx = new double[gxo + (size - 1) * gxs + 2];
        for (int e = 0; e < gx.length; e++) {
            gx[e] = next(r);
        }
        double[] want = gx.clone();
        for (int k = 0; k < count; k++) {                     // the rules one after the other
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    want[gxo + (i * cols + j) * gxs] += gy[k][gyo[k] + (i + a[k]) % rows * cols + (j + b[k]) % cols];
                }
            }
        }
        CyclicShifts.addBack(gy, gyo, a, b, count, gx, gxo, gxs, rows, cols);
        for (int e = 0; e < gx.length; e++) {
            assertEquals(Double.doubleToLongBits(want[e]), Double.doubleToLongBits(gx[e]), "x̄[" + e + "]");
        }
    }
}
