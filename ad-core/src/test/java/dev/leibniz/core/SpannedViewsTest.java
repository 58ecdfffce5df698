package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * A reshape or slice recorded between elementwise entries no longer ends their run when the run
 * does not touch its argument ({@code ElementwiseSegments.spannable}): it is swept after the
 * run's loop; and reading a filled node no longer evaluates the waiting entries
 * ({@code ShapeTable.values}). Oracle: the same program traced into a static matrix graph and
 * interpreted, whose sweep goes entry by entry — value and every gradient element bit for bit —
 * and closed forms.
 */
class SpannedViewsTest {
    private static double[] ramp(int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale * (0.4 + Math.sin(1.3 * i + 0.7));
        }
        return x;
    }

    private static void sameAsStatic(BiFunction<Var, Var, Var> f, int n) {
        double[] x = ramp(n, 1.0);
        double[] w = ramp(n, -0.7);
        Recorder rec = new Recorder();
        for (int round = 0; round < 2; round++) {          // and again in the same recorder, buffers reused
            rec.clear();
            Gradient g = rec.gradient(f.apply(rec.parameter("x", x), rec.parameter("w", w)));
            Shape col = new Shape(n, 1);
            Gradient expected = Graph.trace(v -> f.apply(v[0], v[1]), new String[] {"x", "w"}, new Shape[] {col, col})
                    .compile().gradient(new double[][] {x, w});
            assertEquals(expected.value(), g.value(), 0.0);
            assertArrayEquals(expected.array("x"), g.array("x"), 0.0);
            assertArrayEquals(expected.array("w"), g.array("w"), 0.0);
        }
    }

    /** The weights are reshaped and sliced between the arithmetic on x and the products: the run spans them. */
    @Test
    void viewsOfTheWeightsInsideARunGiveTheStaticGraphsBits() {
        int n = 64;
        BiFunction<Var, Var, Var> f = (x, w) -> {
            Var a = x.sin().mul(x).add(x.constant(0.5));
            Var b = a.mul(a).sub(x);
            Var wp = w.reshape(n / 2, 2);
            Var w0 = wp.sliceCols(0, 1);
            Var w1 = wp.sliceCols(1, 2);
            Var xp = b.reshape(n / 2, 2);       // a view of a member: not spanned, the run ends
            return xp.sliceCols(0, 1).mul(w0).add(xp.sliceCols(1, 2).mul(w1)).sumAll();
        };
        sameAsStatic(f, n);
        BiFunction<Var, Var, Var> g = (x, w) -> {
            Var a = x.sin().mul(x).add(x.constant(0.5)).mul(x.cos());
            Var w2 = w.reshape(n / 4, 4).reshape(n, 1);  // two views the run spans
            Var w3 = w.reshape(n / 2, 2).sliceCols(0, 1).reshape(n / 2, 1);
            Var h = a.mul(a).mul(w2).add(a).mul(x.constant(3.0));
            return h.reshape(n / 2, 2).sliceCols(1, 2).mul(w3).sumAll().add(h.sumAll());
        };
        sameAsStatic(g, n);
    }

    /** A member after the view reads the view's argument too: the run must not span it (it ends there). */
    @Test
    void aMemberReadingTheViewsArgumentEndsTheSpan() {
        int n = 48;
        BiFunction<Var, Var, Var> f = (x, w) -> {
            Var a = x.exp().mul(x);
            Var wv = w.reshape(n / 2, 2).reshape(n, 1);
            Var b = a.mul(w).add(a.mul(wv)).mul(x);      // w read by a member after its view
            return b.sumAll();
        };
        sameAsStatic(f, n);
        double[] x = ramp(n, 1.0);
        double[] w = ramp(n, -0.7);
        Recorder rec = new Recorder();
        Gradient gr = rec.gradient(f.apply(rec.parameter("x", x), rec.parameter("w", w)));
        for (int i = 0; i < n; i++) {
            // f = Σ 2 e^x x² w: ∂/∂w = 2 e^x x², ∂/∂x = 2 w e^x (x² + 2x)
            double e = Math.exp(x[i]);
            assertEquals(2 * e * x[i] * x[i], gr.array("w")[i], 1e-13 * (1 + Math.abs(2 * e * x[i] * x[i])));
            assertEquals(2 * w[i] * e * (x[i] * x[i] + 2 * x[i]), gr.array("x")[i], 1e-12 * (1 + e * 10));
        }
    }
}
