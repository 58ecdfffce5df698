package dev.leibniz.core.compile.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Arithmetic;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The guarded fused loop holds each array adjoint of an element in a local until the element's
 * guard; two slots whose adjoints are the same array element in one iteration would lose a term,
 * so such a run takes the exact loop ({@link FusedRun#shareAnElement}).
 */
class FusedRunAliasingTest {

    /** y = x₁ + x₂ with x₁ and x₂ the same adjoint elements: each element of x̄ receives ȳ twice. */
    @Test
    void twoArgumentsViewingOneAdjointElementReceiveBothTerms() {
        int n = 5;
        FusedRun.Spec spec = new FusedRun.Spec(new boolean[3],
                new int[] {FusedRun.ARRAY, FusedRun.ARRAY, FusedRun.ARRAY}, new boolean[3],
                new int[] {Arithmetic.ADD.code()}, new double[] {0}, new int[] {2}, new int[] {0}, new int[] {1}, -1, -1);
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {2, 4, 6, 8, 10};
        double[] xBar = new double[n];
        double[] yBar = {0.5, -1.25, 3, 0, 7};
        FusedRun.of(spec).backward(new double[][] {x, x, y}, new int[3], new int[] {1, 1, 1},
                new double[][] {xBar, xBar, yBar}, new int[3], new int[] {1, 1, 1}, Subgradients.DEFAULT, 0, n);
        assertArrayEquals(new double[] {1, -2.5, 6, 0, 14}, xBar, 0.0);
    }

    /** The test against the definition: some e in [lo, hi) with go[a] + e·gs[a] = go[b] + e·gs[b] in one array. */
    @Test
    void shareAnElementMatchesTheDefinition() {
        Random r = new Random(14);
        double[] one = new double[1];
        double[] other = new double[1];
        for (int trial = 0; trial < 20000; trial++) {
            double[][] g = {r.nextBoolean() ? one : other, r.nextBoolean() ? one : other, other};
            int[] go = {r.nextInt(9), r.nextInt(9), r.nextInt(9)};
            int[] gs = {r.nextInt(4) - 1, r.nextInt(4) - 1, r.nextInt(4) - 1};
            long mask = r.nextInt(8);
            int lo = r.nextInt(5);
            int hi = lo + r.nextInt(6);
            boolean expected = false;
            for (int a = 0; a < 3; a++) {
                for (int b = a + 1; b < 3; b++) {
                    for (int e = lo; e < hi; e++) {
                        expected |= (mask >> a & 1) == 1 && (mask >> b & 1) == 1 && g[a] == g[b]
                                && go[a] + e * gs[a] == go[b] + e * gs[b];
                    }
                }
            }
            assertEquals(expected, FusedRun.shareAnElement(g, go, gs, mask, lo, hi), "trial " + trial);
        }
    }
}
