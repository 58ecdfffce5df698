package dev.leibniz.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.expr.Expressions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** L-BFGS on test problems with known minimisers (Moré, Garbow &amp; Hillstrom 1981, and quadratics). */
class LbfgsTest {

    /**
     * Extended Rosenbrock (MGH problem 21): Σ over pairs 100(x₂ᵢ − x₂ᵢ₋₁²)² + (1 − x₂ᵢ₋₁)²; minimum 0 at all ones.
     * n = 2 is the classic Rosenbrock function.
     */
    static double rosenbrock(double[] x, double[] g) {
        double f = 0;
        for (int i = 0; i + 1 < x.length; i += 2) {
            double t = x[i + 1] - x[i] * x[i];
            double u = 1 - x[i];
            f += 100 * t * t + u * u;
            if (g != null) {
                g[i] = -400 * x[i] * t - 2 * u;
                g[i + 1] = 200 * t;
            }
        }
        return f;
    }

    private static double[] standardStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i += 2) {
            x[i] = -1.2;
            x[i + 1] = 1.0;
        }
        return x;
    }

    private static void assertAllOnes(double[] x, double tol) {
        for (int i = 0; i < x.length; i++) {
            assertEquals(1.0, x[i], tol, "x[" + i + "]");
        }
    }

    @Test
    void rosenbrockTwoDimensional() {
        OptimizationResult r = new Lbfgs().minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1.0});
        assertTrue(r.converged(), r.toString());
        assertAllOnes(r.x(), 1e-6);
        assertTrue(r.value() < 1e-12, r.toString());
        assertEquals(rosenbrock(r.x(), null), r.value(), 0.0);
        assertEquals(r.iterations() + 1, r.lossHistory().length);
        assertEquals(24.2, r.lossHistory()[0], 1e-12); // f(−1.2, 1) = 100·(1 − 1.44)² + 2.2² = 19.36 + 4.84
    }

    @Test
    void extendedRosenbrockTenDimensional() {
        OptimizationResult r = new Lbfgs().minimize(LbfgsTest::rosenbrock, standardStart(10));
        assertTrue(r.converged(), r.toString());
        assertAllOnes(r.x(), 1e-6);
        double[] g = new double[10];
        rosenbrock(r.x(), g);
        double norm = 0;
        for (double v : g) {
            norm += v * v;
        }
        assertEquals(Math.sqrt(norm), r.gradientNorm(), 1e-20);
    }

    @Test
    void everyAcceptedStepSatisfiesTheStrongWolfeConditions() {
        // re-checked here from the test's own Rosenbrock: with s = x_{k+1} − x_k (so that α·d = s),
        // f(x_{k+1}) ≤ f(x_k) + c₁·∇f(x_k)ᵀs and |∇f(x_{k+1})ᵀs| ≤ c₂·|∇f(x_k)ᵀs|
        List<double[]> iterates = new ArrayList<>();
        OptimizationResult r = new Lbfgs().minimize(LbfgsTest::rosenbrock, standardStart(10),
                (k, x, f, g) -> iterates.add(x));
        assertEquals(r.iterations() + 1, iterates.size());
        assertTrue(iterates.size() > 10);
        double[] history = r.lossHistory();
        for (int k = 0; k + 1 < iterates.size(); k++) {
            double[] x = iterates.get(k);
            double[] xn = iterates.get(k + 1);
            double[] g = new double[x.length];
            double[] gn = new double[x.length];
            double f = rosenbrock(x, g);
            double fn = rosenbrock(xn, gn);
            double gs = 0;
            double gns = 0;
            for (int i = 0; i < x.length; i++) {
                double s = xn[i] - x[i];
                gs += g[i] * s;
                gns += gn[i] * s;
            }
            assertTrue(gs < 0, "step " + k + " is not a descent step");
            assertTrue(fn <= f + 1e-4 * gs, "sufficient decrease fails at step " + k);
            assertTrue(Math.abs(gns) <= 0.9 * Math.abs(gs), "curvature condition fails at step " + k);
            assertEquals(f, history[k], 0.0);
            assertEquals(fn, history[k + 1], 0.0);
        }
    }

    @Test
    void convexQuadraticEndsInAboutNIterations() {
        // f = ½xᵀAx − 1ᵀx with A = tridiag(−1, 2, −1) (n = 8): the minimiser solves Ax = 1,
        // xᵢ = i(n + 1 − i)/2 for i = 1..n. With a nearly exact line search L-BFGS (memory ≥ n) makes
        // the conjugate-gradient steps, which end in at most n iterations in exact arithmetic — here
        // in n/2 = 4, because from x = 0 the symmetric right-hand side 1 excites only the n/2
        // eigenvectors of A that are symmetric about the middle.
        int n = 8;
        Objective quadratic = (x, g) -> {
            double f = 0;
            for (int i = 0; i < n; i++) {
                double ax = 2 * x[i] - (i > 0 ? x[i - 1] : 0) - (i + 1 < n ? x[i + 1] : 0);
                g[i] = ax - 1;
                f += 0.5 * x[i] * ax - x[i];
            }
            return f;
        };
        double[] expected = new double[n];
        for (int i = 1; i <= n; i++) {
            expected[i - 1] = i * (n + 1 - i) / 2.0;
        }
        OptimizationResult r = new Lbfgs().withLineSearch(new LineSearch(1e-4, 1e-3, 50)).withGradientTolerance(1e-9)
                .minimize(quadratic, new double[n]);
        assertTrue(r.converged(), r.toString());
        assertTrue(r.iterations() <= n / 2 + 1, r.toString());
        assertArrayEquals(expected, r.x(), 1e-8);

        // the default (inexact, c₂ = 0.9) line search converges too, in more iterations
        OptimizationResult d = new Lbfgs().withGradientTolerance(1e-9).minimize(quadratic, new double[n]);
        assertTrue(d.converged(), d.toString());
        assertArrayEquals(expected, d.x(), 1e-8);
    }

    @Test
    void minimisesAParsedGraphWithAnAbsentInputLeftAlone() {
        Graph g = Expressions.parse("100*(y - x^2)^2 + (1 - x)^2", List.of("x", "y", "unused"));
        OptimizationResult r = new Lbfgs().minimize(g.compile(), new double[] {-1.2, 1.0, 7.0});
        assertTrue(r.converged(), r.toString());
        assertEquals(1.0, r.x()[0], 1e-6);
        assertEquals(1.0, r.x()[1], 1e-6);
        assertEquals(7.0, r.x()[2], 0.0); // absent gradient, read as 0: never moved
    }

    @Test
    void stepsThatWouldLeaveTheDomainAreBacktracked() {
        // f(x) = x − log x, minimiser 1. From x = 10 the secant scaling overshoots below 0 (NaN there).
        int[] nanEvaluations = {0};
        Objective f = (x, g) -> {
            if (x[0] <= 0) {
                nanEvaluations[0]++;
            }
            g[0] = 1 - 1 / x[0];
            return x[0] - Math.log(x[0]);
        };
        List<Double> iterates = new ArrayList<>();
        OptimizationResult r = new Lbfgs().minimize(f, new double[] {10.0}, (k, x, v, g) -> iterates.add(x[0]));
        assertTrue(r.converged(), r.toString());
        assertEquals(1.0, r.x()[0], 1e-8);
        assertTrue(nanEvaluations[0] > 0, "the test should have provoked a step into x <= 0");
        assertTrue(iterates.stream().allMatch(x -> x > 0));
    }

    @Test
    void stopsWithReasonsWhenNotConverged() {
        double[] x0 = {-1.2, 1.0};
        OptimizationResult r = new Lbfgs().withMaxIterations(3).minimize(LbfgsTest::rosenbrock, x0);
        assertFalse(r.converged());
        assertEquals(3, r.iterations());
        assertEquals("maximum number of iterations (3) reached", r.reason());
        double[] h = r.lossHistory();
        assertEquals(4, h.length);
        for (int k = 0; k + 1 < h.length; k++) {
            assertTrue(h[k + 1] < h[k], "the loss decreases at every accepted step");
        }
        assertArrayEquals(new double[] {-1.2, 1.0}, x0, 0.0); // the start is not modified

        OptimizationResult u = new Lbfgs().minimize((x, g) -> {
            g[0] = -1;
            return -x[0];
        }, new double[] {0.0});
        assertFalse(u.converged());
        assertTrue(u.reason().startsWith("line search failed at iteration 1"), u.reason());
    }

    @Test
    void startingAtTheMinimumTakesNoStep() {
        OptimizationResult r = new Lbfgs().minimize(LbfgsTest::rosenbrock, new double[] {1.0, 1.0});
        assertTrue(r.converged());
        assertEquals(0, r.iterations());
        assertEquals(1, r.evaluations());
    }

    @Test
    void badInputIsReported() {
        OptimizationException e = assertThrows(OptimizationException.class,
                () -> new Lbfgs().minimize((x, g) -> Math.log(x[0]), new double[] {-1.0}));
        assertTrue(e.getMessage().contains("iteration 0"), e.getMessage());
        assertThrows(OptimizationException.class, () -> new Lbfgs().minimize(LbfgsTest::rosenbrock, new double[0]));
        assertThrows(OptimizationException.class, () -> new Lbfgs().minimize((Objective) null, new double[1]));
        assertThrows(OptimizationException.class, () -> new Lbfgs().minimize(LbfgsTest::rosenbrock, null));
        assertThrows(OptimizationException.class, () -> new Lbfgs().withMemory(0));
        assertThrows(OptimizationException.class, () -> new Lbfgs().withGradientTolerance(-1));
        assertThrows(OptimizationException.class, () -> new Lbfgs().withFunctionTolerance(Double.NaN));
        assertThrows(OptimizationException.class, () -> new Lbfgs().withLineSearch(null));
        assertThrows(OptimizationException.class, () -> Objective.of(null));
    }
}
