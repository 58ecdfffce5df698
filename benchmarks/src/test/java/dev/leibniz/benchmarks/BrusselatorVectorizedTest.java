package dev.leibniz.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Recorder;
import dev.leibniz.core.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vectorized Brusselator VJP written with {@code roll} gives the bits of the same code written
 * with slices and concatenations, and the value Σ w·f and w̄ = f of the plain Java right-hand side
 * ({@link Brusselator#rhs(int, double[], double[])}, which adds in another order, hence the
 * tolerance), with s̄ checked against central differences of that right-hand side.
 */
class BrusselatorVectorizedTest {
    private static Gradient recorded(int n, double[] s, double[] w, boolean concatenated) {
        Recorder rec = new Recorder();
        Shape col = new Shape(s.length, 1);
        return rec.gradient(Brusselator.weightedSumVectorized(n, rec.parameter("s", s, col), rec.parameter("w", w, col),
                concatenated));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8, 17})
    void rollsGiveTheConcatenationsBitsAndTheElementwiseGradient(int n) {
        double[] s = Brusselator.start(n);
        double[] w = new double[s.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = Math.cos(0.37 * k + 0.1);
        }
        Gradient rolled = recorded(n, s, w, false);
        Gradient joined = recorded(n, s, w, true);
        assertEquals(joined.value(), rolled.value(), 0.0);
        assertArrayEquals(joined.array("s"), rolled.array("s"), 0.0);
        assertArrayEquals(joined.array("w"), rolled.array("w"), 0.0);

        // the plain right-hand side: value Σ w f(s), w̄ = f(s), s̄ by central differences
        double[] f = new double[s.length];
        Brusselator.rhs(n, s, f);
        double value = 0;
        for (int k = 0; k < s.length; k++) {
            value += w[k] * f[k];
        }
        assertEquals(value, rolled.value(), 1e-12 * (1 + Math.abs(value)));
        assertArrayEquals(f, rolled.array("w"), 1e-12);
        double[] gs = rolled.array("s");
        for (int k = 0; k < s.length; k++) {
            double h = 1e-6 * (1 + Math.abs(s[k]));
            double[] p = s.clone();
            double[] m = s.clone();
            p[k] += h;
            m[k] -= h;
            double[] fp = new double[s.length];
            double[] fm = new double[s.length];
            Brusselator.rhs(n, p, fp);
            Brusselator.rhs(n, m, fm);
            double d = 0;
            for (int e = 0; e < s.length; e++) {
                d += w[e] * (fp[e] - fm[e]) / (2 * h);
            }
            assertEquals(d, gs[k], 1e-6 * (1 + Math.abs(d)), "s̄[" + k + "]");
        }
    }
}
