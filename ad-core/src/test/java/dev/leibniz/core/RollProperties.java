package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Var#roll}, the cyclic shift of {@code np.roll} / {@code torch.roll}. Oracles: the index
 * arithmetic Y[i, j] = X[(i − s) mod m, j] (axis 0) or X[i, (j − s) mod n] (axis 1) written here
 * in plain Java, the dot-product identity ⟨roll(x, s), y⟩ = ⟨x, roll(y, −s)⟩ for the VJP, and the
 * static matrix graph (interpreted) for the recording, bit for bit.
 */
class RollProperties {
    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-2, 2);
        }
        return x;
    }

    /** The roll by index arithmetic, the oracle. */
    private static double[] rolled(double[] x, int m, int n, int shift, int axis) {
        double[] y = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int si = axis == 0 ? Math.floorMod(i - shift, m) : i;
                int sj = axis == 1 ? Math.floorMod(j - shift, n) : j;
                y[i * n + j] = x[si * n + sj];
            }
        }
        return y;
    }

    /** f(x, w) = Σ roll(x, s) ⊙ w, whose gradient in x is roll(w, −s). */
    private static Var weighted(Var x, Var w, int m, int n, int shift, int axis) {
        return x.reshape(m, n).roll(shift, axis).mul(w.reshape(m, n)).sumAll();
    }

    @Property(tries = 150)
    void valueAndVjpFollowTheIndexArithmeticAndTheDotProductIdentity(@ForAll @IntRange(min = 1, max = 9) int m,
            @ForAll @IntRange(min = 1, max = 9) int n, @ForAll @IntRange(min = -20, max = 20) int shift,
            @ForAll @IntRange(min = 0, max = 1) int axis, @ForAll long seed) {
        double[] x = random(m * n, seed);
        double[] w = random(m * n, seed + 1);
        Recorder rec = new Recorder();
        Var xv = new Recorder().parameter("x", x);
        assertArrayEquals(rolled(x, m, n, shift, axis), xv.reshape(m, n).roll(shift, axis).values(), 0.0);

        Gradient g = rec.gradient(weighted(rec.parameter("x", x), rec.parameter("w", w), m, n, shift, axis));
        double[] inverse = rolled(w, m, n, -shift, axis);
        assertArrayEquals(inverse, g.array("x"), 0.0);
        assertArrayEquals(rolled(x, m, n, shift, axis), g.array("w"), 0.0);
        // ⟨roll(x), w⟩ = ⟨x, roll⁻¹(w)⟩: the VJP is the adjoint of the value map
        double lhs = 0;
        double rhs = 0;
        double[] rx = rolled(x, m, n, shift, axis);
        for (int e = 0; e < m * n; e++) {
            lhs += rx[e] * w[e];
            rhs += x[e] * inverse[e];
        }
        assertEquals(lhs, rhs, 1e-12 * (1 + Math.abs(lhs)));

        Shape col = new Shape(m * n, 1);
        Gradient expected = Graph.trace(v -> weighted(v[0], v[1], m, n, shift, axis), new String[] {"x", "w"},
                new Shape[] {col, col}).compile().gradient(new double[][] {x, w});
        assertEquals(expected.value(), g.value(), 0.0);
        assertArrayEquals(expected.array("x"), g.array("x"), 0.0);
        assertArrayEquals(expected.array("w"), g.array("w"), 0.0);
    }

    /** A stencil: rolls of a nonlinear node, read again by elementwise work (the Laplacian's shape). */
    private static Var stencil(Var x, int m, int n) {
        Var u = x.reshape(m, n).sin();
        Var lap = u.roll(1, 0).add(u.roll(-1, 0)).add(u.roll(1, 1)).add(u.roll(-1, 1)).sub(u.mul(u.constant(4.0)));
        return lap.mul(u).mul(lap).sumAll();
    }

    @Property(tries = 60)
    void aRecordedStencilGivesTheStaticGraphsBits(@ForAll @IntRange(min = 2, max = 40) int m,
            @ForAll @IntRange(min = 2, max = 40) int n, @ForAll long seed) {
        double[] x = random(m * n, seed);
        Recorder rec = new Recorder();
        Gradient g = rec.gradient(stencil(rec.parameter("x", x), m, n));
        Gradient expected = Graph.trace(v -> stencil(v[0], m, n), new String[] {"x"},
                new Shape[] {new Shape(m * n, 1)}).compile().gradient(new double[][] {x});
        assertEquals(expected.value(), g.value(), 0.0);
        assertArrayEquals(expected.array("x"), g.array("x"), 0.0);
    }

    @Test
    void aWholePeriodIsTheVariableItself() {
        Recorder rec = new Recorder();
        Var x = rec.parameter("x", new double[6]).reshape(2, 3);
        assertSame(x, x.roll(3, 1));
        assertSame(x, x.roll(-4, 0));
    }

    @Test
    void aBadAxisNamesTheOperationAndTheShape() {
        Recorder rec = new Recorder();
        Var x = rec.parameter("x", new double[6]).reshape(2, 3);
        ShapeException e = assertThrows(ShapeException.class, () -> x.roll(1, 2));
        assertTrue(e.getMessage().contains("'roll'") && e.getMessage().contains("2x3") && e.getMessage().contains("axis 2"),
                e.getMessage());
    }
}
