package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReverseModeTest {

    @Test
    void fanOutSumsAdjointsOfBothUsers() {
        // g = x², L = sin(g) + cos(g): dL/dx = (cos g − sin g)·2x
        Graph f = Graph.trace(v -> {
            Var g = v[0].square();
            return g.sin().add(g.cos());
        }, "x");
        double x = 0.7;
        double g = x * x;
        Gradient grad = f.compile().gradient(x);
        assertEquals(Math.sin(g) + Math.cos(g), grad.value(), 1e-15);
        assertEquals((Math.cos(g) - Math.sin(g)) * 2 * x, grad.get("x"), 1e-15);

        double[] symbolic = ReverseMode.gradientGraph(f).evaluate(x);
        assertEquals(grad.get("x"), symbolic[1], 1e-15);
    }

    @Test
    void tiedWeightReceivesSumOfBothPaths() {
        // L = w·a + w·b with the same w: dL/dw = a + b
        Recorder rec = new Recorder();
        Var w = rec.parameter("w", 2.0);
        Var loss = w.mul(3.0).add(w.mul(5.0));
        assertEquals(8.0, rec.gradient(loss).get("w"), 0.0);
    }

    @Test
    void secondDerivativeByReverseOverReverse() {
        // f = x³·y: f_xx = 6xy, f_xy = 3x², f_yy = 0
        Graph f = Graph.trace(v -> v[0].pow(3).mul(v[1]), "x", "y");
        double[][] h = ReverseMode.hessian(f, new double[] {1.5, -2.0});
        assertEquals(6 * 1.5 * -2.0, h[0][0], 1e-12);
        assertEquals(3 * 1.5 * 1.5, h[0][1], 1e-12);
        assertEquals(3 * 1.5 * 1.5, h[1][0], 1e-12);
        assertEquals(0.0, h[1][1], 0.0);
    }

    @Test
    void staticSelectGivesZeroDynamicIfGivesAbsent() {
        Graph f = Graph.trace(v -> Var.select(v[0].gt(0.0), v[1].mul(v[0]), v[2].mul(v[0])), "x", "a", "b");
        Gradient s = f.compile().gradient(1.0, 3.0, 4.0);
        assertEquals(1.0, s.get("a"), 0.0);
        assertTrue(s.isPresent("b"));
        assertEquals(0.0, s.get("b"), 0.0);

        Recorder rec = new Recorder();
        Var x = rec.parameter("x", 1.0);
        Var a = rec.parameter("a", 3.0);
        Var b = rec.parameter("b", 4.0);
        Var y = x.value() > 0 ? a.mul(x) : b.mul(x);
        Gradient d = rec.gradient(y);
        assertEquals(1.0, d.get("a"), 0.0);
        assertFalse(d.isPresent("b"));
    }
}
