package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A recorded {@code reshape} is a view: it shares its argument's value array, and its argument's
 * adjoint block when it is that argument's only consumer ({@code ShapeTable},
 * {@code TensorTapeSweep}). Oracles: closed-form gradients, and the same program traced into a
 * static matrix graph and run by its compiled {@link Program} (bit for bit).
 */
class RecordedViewsTest {
    private static double[] ramp(int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale * (0.3 + Math.sin(1.7 * i + 0.2));
        }
        return x;
    }

    /** f(x) = Σ (reshape(reshape(x)))² · w: a chain of views, each its argument's only consumer. */
    private static Var chain(Var x, Var w) {
        Var v = x.reshape(2, 6).reshape(3, 4);
        return v.square().mul(w.reshape(3, 4)).sumAll();
    }

    @Test
    void aChainOfViewsDifferentiatesToTheClosedFormAndTheStaticGraphsBits() {
        double[] x = ramp(12, 1.0);
        double[] w = ramp(12, -0.5);
        Recorder rec = new Recorder();
        Gradient g = rec.gradient(chain(rec.parameter("x", x), rec.parameter("w", w)));
        double[] gx = g.array("x");
        double[] gw = g.array("w");
        for (int i = 0; i < 12; i++) {
            assertEquals(2 * x[i] * w[i], gx[i], 1e-15);
            assertEquals(x[i] * x[i], gw[i], 1e-15);
        }
        Shape col = new Shape(12, 1);
        Gradient expected = Graph.trace(v -> chain(v[0], v[1]), new String[] {"x", "w"}, new Shape[] {col, col})
                .compile().gradient(new double[][] {x, w});
        assertEquals(expected.value(), g.value(), 0.0);
        assertArrayEquals(expected.array("x"), gx, 0.0);
        assertArrayEquals(expected.array("w"), gw, 0.0);
    }

    /** x is read by the view and by another operation: the view's adjoint is added, not shared. */
    private static Var shared(Var x) {
        Var pairs = x.reshape(3, 2);
        return pairs.sin().sumAll().add(x.square().sumAll()).add(pairs.sliceCols(1, 2).mul(pairs.sliceCols(0, 1)).sumAll());
    }

    @Test
    void aViewOfANodeWithOtherConsumersAddsItsAdjoint() {
        double[] x = ramp(6, 0.8);
        Recorder rec = new Recorder();
        Gradient g = rec.gradient(shared(rec.parameter("x", x)));
        double[] gx = g.array("x");
        for (int i = 0; i < 6; i++) {
            double partner = i % 2 == 0 ? x[i + 1] : x[i - 1];
            assertEquals(Math.cos(x[i]) + 2 * x[i] + partner, gx[i], 1e-14);
        }
        Gradient expected = Graph.trace(v -> shared(v[0]), new String[] {"x"}, new Shape[] {new Shape(6, 1)})
                .compile().gradient(new double[][] {x});
        assertEquals(expected.value(), g.value(), 0.0);
        assertArrayEquals(expected.array("x"), gx, 0.0);
    }

    @Test
    void aViewIsSafeAgainstTheCallersArraysAndTheValuesItHandsOut() {
        double[] x = ramp(8, 1.0);
        double[] original = x.clone();
        Recorder rec = new Recorder();
        Var p = rec.parameter("x", x);
        Var v = p.reshape(4, 2);
        x[0] = 1e6;                                  // the recording copied the parameter
        double[] read = v.values();
        assertEquals(original[0], read[0], 0.0);
        read[1] = -1e6;                              // values() is a copy: the view's elements are intact
        Gradient g = rec.gradient(v.square().sumAll());
        double[] gx = g.array("x");
        for (int i = 0; i < 8; i++) {
            assertEquals(2 * original[i], gx[i], 0.0);
        }
    }

    /**
     * Regression: a node that was a view in one recording must not reuse, and so overwrite, the
     * array it viewed when the next recording makes it an ordinary node of the same size.
     */
    @Test
    void aNodeThatWasAViewDoesNotOverwriteTheArrayItViewed() {
        double[] x = ramp(6, 1.0);
        Recorder rec = new Recorder();
        Var p = rec.parameter("x", x);
        rec.gradient(p.reshape(6, 1).reshape(3, 2).sumAll());     // node 1 a view of x (as its only consumer)
        for (int round = 0; round < 2; round++) {
            rec.clear();
            Var q = rec.parameter("x", x);
            Var cube = q.square().mul(q);                         // node 1 now its own array, of x's size
            Gradient g = rec.gradient(cube.sumAll());
            double sum = 0;
            for (int i = 0; i < 6; i++) {
                sum += x[i] * x[i] * x[i];
                assertEquals(3 * x[i] * x[i], g.array("x")[i], 1e-14);
            }
            assertEquals(sum, g.value(), 1e-14);
            rec.clear();
            Var r = rec.parameter("x", x);
            Gradient h = rec.gradient(r.reshape(3, 2).reshape(2, 3).mul(2.0).sumAll());
            for (int i = 0; i < 6; i++) {
                assertEquals(2.0, h.array("x")[i], 0.0);
            }
        }
        assertTrue(rec.size() > 0);
    }

    /**
     * Slices are lazy views (elements read in place, {@code TensorPrimitive.flatView}); views of
     * views compose their offsets and strides. A 4×3 grid: the column slice, a row slice of it,
     * a reshape of a column view, read by a fused run, by a concatenation and by values().
     */
    private static Var grid(Var x) {
        Var m = x.reshape(4, 3);
        Var middle = m.sliceCols(1, 2);                 // stride 3
        Var lower = middle.sliceRows(2, 4);             // offset 7, stride 3
        Var last = m.sliceCols(2, 3).reshape(2, 2);     // a reshape of a view: offset 2, stride 3
        Var rows = m.sliceRows(1, 3);                   // contiguous, offset 3
        Var joined = Var.concat(0, lower, middle.sliceRows(0, 1));
        return middle.square().mul(2.0).sumAll().add(lower.sin().sumAll()).add(last.mul(last).sumAll())
                .add(rows.exp().sumAll()).add(joined.mul(joined.constant(0.5)).sumAll());
    }

    @Test
    void lazyViewsAndViewsOfViewsGiveTheStaticGraphsBitsAndTheirValues() {
        double[] x = ramp(12, 0.7);
        Recorder rec = new Recorder();
        Var p = rec.parameter("x", x);
        Var m = p.reshape(4, 3);
        assertArrayEquals(new double[] {x[1], x[4], x[7], x[10]}, m.sliceCols(1, 2).values(), 0.0);
        assertArrayEquals(new double[] {x[7], x[10]}, m.sliceCols(1, 2).sliceRows(2, 4).values(), 0.0);
        assertArrayEquals(new double[] {x[2], x[5], x[8], x[11]}, m.sliceCols(2, 3).reshape(2, 2).values(), 0.0);
        rec.clear();
        Gradient g = rec.gradient(grid(rec.parameter("x", x)));
        Gradient expected = Graph.trace(v -> grid(v[0]), new String[] {"x"}, new Shape[] {new Shape(12, 1)})
                .compile().gradient(new double[][] {x});
        assertEquals(expected.value(), g.value(), 0.0);
        assertArrayEquals(expected.array("x"), g.array("x"), 0.0);
        double[] gx = g.array("x");
        // element 4 (row 1, column 1): 4·x + exp(x) (middle squared, rows 1–2, the first row of middle is row 0)
        assertEquals(4 * x[4] + Math.exp(x[4]), gx[4], 1e-14);
        // element 10 (row 3, column 1): 4·x + cos(x) + 0.5 (lower, joined)
        assertEquals(4 * x[10] + Math.cos(x[10]) + 0.5, gx[10], 1e-14);
        // element 11 (row 3, column 2): 2·x (last)
        assertEquals(2 * x[11], gx[11], 1e-15);
    }

    /**
     * Slices whose adjoints are strided parts of their argument's block (disjoint columns read only
     * by fused runs), next to slices that may not share it: overlapping rows, and a column also
     * read by a concatenation. Each program's gradient is the static graph's, bit for bit.
     */
    private static Var slices(Var x, int variant) {
        Var m = x.reshape(4, 3);
        return switch (variant) {
            case 0 -> {            // three disjoint columns, each read by a run only
                Var a = m.sliceCols(0, 1);
                Var b = m.sliceCols(1, 2);
                Var c = m.sliceCols(2, 3);
                yield a.mul(b).sub(c.square()).mul(a).sumAll();
            }
            case 1 -> {            // overlapping rows
                Var top = m.sliceRows(0, 3);
                Var bottom = m.sliceRows(1, 4);
                yield top.mul(bottom).add(top.sin()).sumAll();
            }
            default -> {           // a column read by a run and by a concatenation
                Var a = m.sliceCols(0, 1);
                Var b = m.sliceCols(1, 2);
                yield a.mul(b).exp().sumAll().add(Var.concat(0, a, b).square().sumAll());
            }
        };
    }

    @Test
    void stridedAdjointsOfSlicesGiveTheStaticGraphsBits() {
        double[] x = ramp(12, 0.6);
        Recorder rec = new Recorder();
        for (int variant = 0; variant < 3; variant++) {
            int v = variant;
            rec.clear();
            Gradient g = rec.gradient(slices(rec.parameter("x", x), v));
            Gradient expected = Graph.trace(in -> slices(in[0], v), new String[] {"x"}, new Shape[] {new Shape(12, 1)})
                    .compile().gradient(new double[][] {x});
            assertEquals(expected.value(), g.value(), 0.0, "variant " + v);
            assertArrayEquals(expected.array("x"), g.array("x"), 0.0, "variant " + v);
        }
        rec.clear();
        double[] gx = rec.gradient(slices(rec.parameter("x", x), 0)).array("x");
        for (int r = 0; r < 4; r++) {      // f = Σ (a·b − c²)·a: ∂a = 2ab − c², ∂b = a², ∂c = −2ac
            double a = x[3 * r];
            double b = x[3 * r + 1];
            double c = x[3 * r + 2];
            assertEquals(2 * a * b - c * c, gx[3 * r], 1e-14);
            assertEquals(a * a, gx[3 * r + 1], 1e-15);
            assertEquals(-2 * a * c, gx[3 * r + 2], 1e-15);
        }
    }
}
