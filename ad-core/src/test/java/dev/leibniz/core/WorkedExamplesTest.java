package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The worked examples of the foundation issue, each with its numbers from a closed form
 * (and exactly where the arithmetic is exact). {@link ReverseModeTest} holds the first
 * derivative of the fan-out example, the recorded tied weight, the cubic Hessian and the
 * select-versus-if example; these extend them.
 */
class WorkedExamplesTest {

    @Test
    void fanOutSecondDerivativeByReverseOverReverse() {
        // g = x², L = sin g + cos g: L' = (cos g − sin g)·2x,
        // L'' = −(sin g + cos g)·4x² + 2(cos g − sin g)
        Graph f = Graph.trace(v -> {
            Var g = v[0].square();
            return g.sin().add(g.cos());
        }, "x");
        double x = 0.7;
        double g = x * x;
        double second = -(Math.sin(g) + Math.cos(g)) * 4 * x * x + 2 * (Math.cos(g) - Math.sin(g));
        assertEquals(second, ReverseMode.hessian(f, new double[] {x})[0][0], 1e-15);
        Graph grad = ReverseMode.gradientGraph(f);
        assertEquals(second, ReverseMode.gradientGraph(grad, 1).compile().evaluate(x)[1], 1e-15);
    }

    @Test
    void fanOutToThreeUsersIsTheProductRule() {
        // f = x·sin x·eˣ uses x three times: f' = (sin x + x cos x + x sin x)·eˣ
        Graph f = Graph.trace(v -> v[0].mul(v[0].sin()).mul(v[0].exp()), "x");
        double x = -1.3;
        double expected = (Math.sin(x) + x * Math.cos(x) + x * Math.sin(x)) * Math.exp(x);
        assertEquals(expected, f.compile().gradient(x).get("x"), 1e-15);

        Recorder rec = new Recorder();
        Var xv = rec.parameter("x", x);
        assertEquals(expected, rec.gradient(xv.mul(xv.sin()).mul(xv.exp())).get("x"), 1e-15);
    }

    @Test
    void tiedWeightInAStaticGraphReceivesTheSumOfBothUses() {
        // L = w·x₁ + w·x₂ with one w: ∂L/∂w = x₁ + x₂, ∂L/∂x₁ = ∂L/∂x₂ = w
        Graph f = Graph.trace(v -> v[0].mul(v[1]).add(v[0].mul(v[2])), "w", "x1", "x2");
        Gradient grad = f.compile().gradient(0.75, 3.0, 5.0);
        assertEquals(8.0, grad.get("w"), 0.0);
        assertEquals(0.75, grad.get("x1"), 0.0);
        assertEquals(0.75, grad.get("x2"), 0.0);
    }

    @Test
    void tiedEncoderAndDecoderWeight() {
        // a scalar tied autoencoder: r = w·(w·x), L = (r − x)²; ∂L/∂w = 2(w²x − x)·2wx.
        // At w = 1/2, x = 2 every step is exact: r = 1/2, L = 9/4, ∂L/∂w = 2·(−3/2)·2 = −6.
        Graph f = Graph.trace(v -> v[0].mul(v[0].mul(v[1])).sub(v[1]).square(), "w", "x");
        Gradient grad = f.compile().gradient(0.5, 2.0);
        assertEquals(2.25, grad.value(), 0.0);
        assertEquals(-6.0, grad.get("w"), 0.0);
        // ∂L/∂x = 2(r − x)(w² − 1) = 2·(−3/2)·(−3/4) = 9/4
        assertEquals(2.25, grad.get("x"), 0.0);

        Recorder rec = new Recorder();
        Var w = rec.parameter("w", 0.5);
        Var x = rec.parameter("x", 2.0);
        Gradient recorded = rec.gradient(w.mul(w.mul(x)).sub(x).square());
        assertArrayEquals(new double[] {-6.0, 2.25}, recorded.toArray(), 0.0);
    }

    @Test
    void staticSelectGivesAnExactZeroEvenWhenTheOtherBranchIsNotFinite() {
        // select(x > 0, √x, ln(−x)): only one branch is defined at each x. The branch not taken
        // evaluates to NaN, yet its adjoint is an exact 0, so no 0·NaN reaches the gradient.
        Graph f = Graph.trace(v -> Var.select(v[0].gt(0.0), v[0].sqrt(), v[0].neg().log()), "x");
        Program p = f.compile();
        Gradient right = p.gradient(4.0);
        assertEquals(2.0, right.value(), 0.0);
        assertEquals(0.25, right.get("x"), 0.0);
        Gradient left = p.gradient(-2.0);
        assertEquals(Math.log(2.0), left.value(), 0.0);
        assertEquals(-0.5, left.get("x"), 0.0);
    }

    @Test
    void derivativeGraphsAlsoGiveAnExactZeroForTheBranchNotTaken() {
        // derivative graphs multiply by partials with a strong zero (mulz), as the numeric sweep skips zeros
        Graph f = Graph.trace(v -> Var.select(v[0].gt(0.0), v[0].sqrt(), v[0].neg().log()), "x");
        // d/dx ln(−x) = 1/x = −1/2 and d²/dx² = −1/x² = −1/4 at x = −2; √(−2) is NaN but not taken
        assertArrayEquals(new double[] {Math.log(2.0), -0.5}, ReverseMode.gradientGraph(f).compile().evaluate(-2.0), 0.0);
        assertEquals(-0.25, ReverseMode.hessian(f, new double[] {-2.0})[0][0], 0.0);
    }

    @Test
    void staticSelectZeroVersusDynamicAbsentInTheGradientGraph() {
        // the symbolic gradient of a static select still lists the other branch's parameter, with 0
        Graph f = Graph.trace(v -> Var.select(v[0].gt(0.0), v[1].mul(v[0]), v[2].mul(v[0])), "x", "a", "b");
        Graph grad = ReverseMode.gradientGraph(f);
        assertEquals(java.util.List.of("f", "df/dx", "df/da", "df/db"), grad.outputNames());
        double[] at = grad.compile().evaluate(2.0, 3.0, 4.0);
        assertArrayEquals(new double[] {6.0, 3.0, 2.0, 0.0}, at, 0.0);

        // recorded, the other branch does not exist: b is absent, and the recorded graph has no b
        Recorder rec = new Recorder();
        Var x = rec.parameter("x", 2.0);
        Var a = rec.parameter("a", 3.0);
        Var b = rec.parameter("b", 4.0);
        Var y = x.value() > 0 ? a.mul(x) : b.mul(x);
        Gradient d = rec.gradient(y);
        assertTrue(d.isPresent("a"));
        assertFalse(d.isPresent("b"));
        assertEquals(0.0, d.get("b"), 0.0);
        assertTrue(d.toString().contains("d/db = absent"), d.toString());
        Graph recorded = rec.toGraph("y", y);
        assertEquals(1, recorded.size() - 3, "inputs x, a, b and one mul:\n" + recorded);
    }

    @Test
    void reverseOverReverseIsExactForPolynomials() {
        // p = 3x⁴y² − 2xy³ + 5x − 7 at (2, −3), all in integers:
        // p = 543, p_x = 12x³y² − 2y³ + 5 = 923, p_y = 6x⁴y − 6xy² = −396,
        // p_xx = 36x²y² = 1296, p_xy = 24x³y − 6y² = −630, p_yy = 6x⁴ − 12xy = 168
        Graph f = Graph.trace(v -> {
            Var x = v[0];
            Var y = v[1];
            return x.pow(4).mul(y.square()).mul(3.0).sub(x.mul(y.pow(3)).mul(2.0)).add(x.mul(5.0)).sub(7.0);
        }, "x", "y");
        double[] at = {2.0, -3.0};
        assertArrayEquals(new double[] {543, 923, -396}, ReverseMode.gradientGraph(f).compile().evaluate(at), 0.0);
        double[][] h = ReverseMode.hessian(f, at);
        assertArrayEquals(new double[] {1296, -630}, h[0], 0.0);
        assertArrayEquals(new double[] {-630, 168}, h[1], 0.0);

        // the same Hessian as a graph: the gradient graph differentiated symbolically again
        Graph grad = ReverseMode.gradientGraph(f);
        assertArrayEquals(new double[] {923, 1296, -630}, ReverseMode.gradientGraph(grad, 1).compile().evaluate(at), 0.0);
        assertArrayEquals(new double[] {-396, -630, 168}, ReverseMode.gradientGraph(grad, 2).compile().evaluate(at), 0.0);
    }

    @Test
    void thirdDerivativeByThreeReverseSweeps() {
        // f = x⁵ at x = 2: f' = 5x⁴ = 80, f'' = 20x³ = 160, f''' = 60x² = 240
        Graph f = Graph.trace(v -> v[0].pow(5), "x");
        Graph d1 = ReverseMode.gradientGraph(f);
        Graph d2 = ReverseMode.gradientGraph(d1, 1);
        Graph d3 = ReverseMode.gradientGraph(d2, 1);
        assertArrayEquals(new double[] {32, 80}, d1.compile().evaluate(2.0), 0.0);
        assertArrayEquals(new double[] {80, 160}, d2.compile().evaluate(2.0), 0.0);
        assertArrayEquals(new double[] {160, 240}, d3.compile().evaluate(2.0), 0.0);
    }
}
