package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Numerically stable primitives: values and gradients at extreme inputs, where the textbook
 * formulas overflow (e^1000), underflow to 0/0, or lose every digit (1 + 1e-300). Expected values
 * are closed forms; "exact" means the double nearest the true value.
 */
class NumericalStabilityTest {

    private static Gradient gradient(Function<Var[], Var> fn, double... x) {
        String[] names = new String[x.length];
        for (int i = 0; i < x.length; i++) {
            names[i] = "x" + i;
        }
        Graph f = Graph.trace(fn, names);
        Gradient g = f.compile().gradient(x);
        // the symbolic gradient graph must be just as finite, and agree
        double[] symbolic = ReverseMode.gradientGraph(f).compile().evaluate(x);
        assertEquals(g.value(), symbolic[0], 0.0);
        for (int i = 0; i < x.length; i++) {
            assertTrue(Double.isFinite(g.get(i)), "∂/∂x" + i + " = " + g.get(i));
            assertEquals(g.get(i), symbolic[1 + i], 0.0, "symbolic ∂/∂x" + i);
        }
        return g;
    }

    /**
     * The gradient e^{x_k − y} inherits the rounding of y = logsumexp: an absolute error of up to
     * ulp(y)/2 in the exponent is a relative error of ulp(y)/2 in the softmax (5.7e-14 at y ≈ 1000).
     */
    private static double softmaxTolerance(double y, double s) {
        return s * Math.ulp(y);
    }

    @Test
    void logsumexpOfEqualHugeArguments() {
        double y = 1000 + Math.log(2);
        Gradient g = gradient(v -> Var.logsumexp(v[0], v[1]), 1000, 1000);
        assertEquals(y, g.value(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, g.toArray(), softmaxTolerance(y, 0.5));
        Gradient neg = gradient(v -> Var.logsumexp(v[0], v[1]), -1000, -1000);
        assertEquals(-1000 + Math.log(2), neg.value(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, neg.toArray(), softmaxTolerance(-1000 + Math.log(2), 0.5));
        // e^−1000 is below the smallest double: the small argument gets exactly nothing
        Gradient apart = gradient(v -> Var.logsumexp(v[0], v[1]), 1000, 0);
        assertEquals(1000.0, apart.value(), 0.0);
        assertArrayEquals(new double[] {1.0, 0.0}, apart.toArray(), 0.0);
    }

    @Test
    void logsumexpHessianIsFiniteAtHugeArguments() {
        // ∇² lse = diag(s) − s sᵀ with s = softmax = (1/2, 1/2); each entry is a product of two
        // softmax factors, so its relative error is at most twice theirs
        double[][] h = ReverseMode.hessian(Graph.trace(v -> Var.logsumexp(v[0], v[1]), "a", "b"),
                new double[] {1000, 1000});
        double tol = 2 * softmaxTolerance(1000 + Math.log(2), 0.25);
        assertArrayEquals(new double[] {0.25, -0.25}, h[0], tol);
        assertArrayEquals(new double[] {-0.25, 0.25}, h[1], tol);
    }

    @Test
    void softplusAtBothEnds() {
        Gradient big = gradient(v -> v[0].softplus(), 1000);
        assertEquals(1000.0, big.value(), 0.0);
        assertEquals(1.0, big.get(0), 0.0);
        Gradient small = gradient(v -> v[0].softplus(), -1000);
        assertEquals(0.0, small.value(), 0.0); // ln(1 + e^−1000) = e^−1000 underflows
        assertEquals(0.0, small.get(0), 0.0);
        double eps = Math.exp(-30);
        Gradient mid = gradient(v -> v[0].softplus(), -30);
        assertEquals(eps - eps * eps / 2, mid.value(), 1e-15 * eps); // ln(1 + ε) = ε − ε²/2 + O(ε³)
        assertEquals(eps / (1 + eps), mid.get(0), 1e-15 * eps); // sigmoid(−30)
        assertEquals(Math.log(2), gradient(v -> v[0].softplus(), 0).value(), 0.0);
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        Gradient low = gradient(v -> v[0].sigmoid(), -1000);
        assertEquals(0.0, low.value(), 0.0);
        assertEquals(0.0, low.get(0), 0.0);
        Gradient high = gradient(v -> v[0].sigmoid(), 1000);
        assertEquals(1.0, high.value(), 0.0);
        assertEquals(0.0, high.get(0), 0.0);
        // second derivative y(1 − y)(1 − 2y) is finite too
        double[][] h = ReverseMode.hessian(Graph.trace(v -> v[0].sigmoid(), "x"), new double[] {-1000});
        assertEquals(0.0, h[0][0], 0.0);
    }

    @Test
    void log1pAndExpm1AreExactForTinyArguments() {
        Gradient l = gradient(v -> v[0].log1p(), 1e-300);
        assertEquals(1e-300, l.value(), 0.0);
        assertEquals(1.0, l.get(0), 0.0);
        Gradient e = gradient(v -> v[0].expm1(), 1e-300);
        assertEquals(1e-300, e.value(), 0.0);
        assertEquals(1.0, e.get(0), 0.0);
        // second-order terms: log1p(x) = x − x²/2, expm1(x) = x + x²/2 up to O(x³)
        double x = 1e-10;
        assertEquals(x - x * x / 2, gradient(v -> v[0].log1p(), x).value(), 1e-16 * x);
        assertEquals(x + x * x / 2, gradient(v -> v[0].expm1(), x).value(), 1e-16 * x);
        assertEquals(-1e-300, gradient(v -> v[0].log1p(), -1e-300).value(), 0.0);
    }

    @Test
    void softmaxCrossEntropyAtExtremeLogits() {
        // logits (1000, −1000, 0): logsumexp = 1000 (the others add e^−1000 and e^−2000),
        // softmax = (1, 0, 0), loss = 1000 − x_t, gradient = softmax − one-hot(t)
        double[] logits = {1000, -1000, 0};
        double[] loss = {0, 2000, 1000};
        double[][] grad = {{0, 0, 0}, {1, -1, 0}, {1, 0, -1}};
        for (int t = 0; t < 3; t++) {
            int target = t;
            Gradient g = gradient(v -> Var.softmaxCrossEntropy(target, v), logits);
            assertEquals(loss[t], g.value(), 0.0, "loss for target " + t);
            assertArrayEquals(grad[t], g.toArray(), 0.0, "gradient for target " + t);
        }
    }

    @Test
    void softmaxCrossEntropyHessianIsFiniteAtExtremeLogits() {
        // ∇² = diag(s) − s sᵀ, which is 0 for s = one-hot
        double[][] h = ReverseMode.hessian(Graph.trace(v -> Var.softmaxCrossEntropy(1, v), "a", "b", "c"),
                new double[] {1000, -1000, 0});
        for (double[] row : h) {
            assertArrayEquals(new double[] {0, 0, 0}, row, 0.0);
        }
    }

    @Test
    void saturatingElementaryFunctionsHaveZeroNotNaNGradients() {
        Gradient t = gradient(v -> v[0].tanh(), 1000);
        assertEquals(1.0, t.value(), 0.0);
        assertEquals(0.0, t.get(0), 0.0);
        Gradient e = gradient(v -> v[0].exp(), -1000);
        assertEquals(0.0, e.value(), 0.0);
        assertEquals(0.0, e.get(0), 0.0);
        // hypot without overflow: √(2)·1e300, ∂ = 1/√2 each
        Gradient h = gradient(v -> v[0].hypot(v[1]), 1e300, 1e300);
        assertEquals(Math.sqrt(2) * 1e300, h.value(), 1e285);
        assertArrayEquals(new double[] {Math.sqrt(0.5), Math.sqrt(0.5)}, h.toArray(), 1e-15);
    }
}
