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

    /**
     * f = 2x² from x = 3, worked by hand: ∇f = 12 &gt; 1, so the first (steepest-descent) trial step
     * is 1/‖∇f‖ and lands on x = 2, which the strong Wolfe conditions accept (f = 8, slope −96
     * against −144). The pair s = −1, y = −4 gives the exact inverse curvature 1/4, so the
     * second direction is −8/4 = −2 with trial step 1: x = 0, the minimiser, where ∇f = 0.
     */
    @Test
    void firstStepIsOneOverTheGradientNormThenTheSecantStep() {
        List<Double> evaluated = new ArrayList<>();
        OptimizationResult r = new Lbfgs().minimize((x, g) -> {
            evaluated.add(x[0]);
            g[0] = 4 * x[0];
            return 2 * x[0] * x[0];
        }, new double[] {3.0});
        assertEquals(List.of(3.0, 2.0, 0.0), evaluated);
        assertTrue(r.converged());
        assertEquals(2, r.iterations());
        assertEquals(3, r.evaluations());
        assertEquals("gradient norm 0.0 <= 1.0E-8", r.reason());
        assertArrayEquals(new double[] {18, 8, 0}, r.lossHistory(), 0.0);
    }

    /**
     * f = 1 + x⁴ with the gradient test off: near the minimiser f rounds to 1 while ∇f = 4x³ is
     * still positive, so the run ends by the relative change of f, which the reason states and
     * which is recomputed here from the last two losses.
     */
    @Test
    void convergesByTheRelativeChangeOfF() {
        OptimizationResult r = new Lbfgs().withGradientTolerance(0).minimize((x, g) -> {
            g[0] = 4 * x[0] * x[0] * x[0];
            return 1 + x[0] * x[0] * x[0] * x[0];
        }, new double[] {2.0});
        assertTrue(r.converged(), r.toString());
        assertTrue(r.gradientNorm() > 0, r.toString());
        assertEquals(0.0, r.x()[0], 1e-3);
        double[] h = r.lossHistory();
        double prev = h[h.length - 2];
        double last = h[h.length - 1];
        double change = Math.abs(prev - last) / Math.max(Math.abs(prev), Math.abs(last));
        assertTrue(change <= 1e-15, "relative change " + change);
        assertEquals("relative change of f " + change + " <= 1.0E-15", r.reason());
    }

    /**
     * A pair whose curvature is tiny next to ‖s‖‖y‖ is not kept. f = ½x₁² + K·x₂(x₁ − 1) with
     * K = 1e12 from (1, 0): the first step goes to (0, 0), where ∇f = (0, −K), so s = (−1, 0),
     * y = (−1, −K) and sᵀy = 1 ≤ 1e-10·‖s‖‖y‖ ≈ 100. Without a pair the second step is steepest
     * descent again, whose first trial step is 1/‖∇f‖: the point (0, 1). (f is unbounded below
     * along it, so the line search then fails, as the reason says.)
     */
    @Test
    void aPairWithTooLittleCurvatureIsDropped() {
        double k = 1e12;
        List<double[]> evaluated = new ArrayList<>();
        OptimizationResult r = new Lbfgs().minimize((x, g) -> {
            evaluated.add(x.clone());
            g[0] = x[0] + k * x[1];
            g[1] = k * (x[0] - 1);
            return 0.5 * x[0] * x[0] + k * x[1] * (x[0] - 1);
        }, new double[] {1, 0});
        assertArrayEquals(new double[] {1, 0}, evaluated.get(0), 0.0);
        assertArrayEquals(new double[] {0, 0}, evaluated.get(1), 0.0);
        assertArrayEquals(new double[] {0, 1}, evaluated.get(2), 0.0);
        assertFalse(r.converged());
        assertEquals(1, r.iterations());
        assertTrue(r.reason().startsWith("line search failed at iteration 2: "), r.reason());
    }

    /**
     * Run to exact convergence (both tolerances 0) on f = ½(x₁² + 0.01·x₂²) from (3, 4): down in
     * the subnormal range the two-loop recursion's products underflow and its direction comes
     * out NaN, which is no descent direction. The memory is then cleared and the step is
     * steepest descent, which ends at the minimiser with ∇f = 0 exactly, rather than handing the
     * line search a direction it must refuse.
     */
    @Test
    void aDirectionThatDoesNotDescendRestartsFromSteepestDescent() {
        OptimizationResult r = new Lbfgs().withGradientTolerance(0).withFunctionTolerance(0).minimize((x, g) -> {
            g[0] = x[0];
            g[1] = 0.01 * x[1];
            return 0.5 * (x[0] * x[0] + 0.01 * x[1] * x[1]);
        }, new double[] {3, 4});
        assertTrue(r.converged(), r.toString());
        assertEquals("gradient norm 0.0 <= 0.0", r.reason());
        assertEquals(0.0, r.x()[0], 1e-150);
        assertEquals(0.0, r.x()[1], 1e-150);
    }

    /**
     * More than 1023 iterations, past the loss history's first allocation: the quadratic
     * f = ½Σ dᵢxᵢ² with 100 eigenvalues dᵢ spread from 1 down to 1e-6 takes thousands of
     * iterations to reach ‖∇f‖ ≤ 1e-8 from all ones, so 1100 run to the limit. Every entry of the
     * history is the loss the listener was shown and f recomputed at the iterate it was shown.
     */
    @Test
    void theLossHistoryGrowsPastAThousandIterations() {
        int n = 100;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.pow(1e-6, i / (double) (n - 1));
        }
        Objective quadratic = (x, g) -> {
            double f = 0;
            for (int i = 0; i < n; i++) {
                g[i] = d[i] * x[i];
                f += 0.5 * d[i] * x[i] * x[i];
            }
            return f;
        };
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        List<double[]> xs = new ArrayList<>();
        List<Double> fs = new ArrayList<>();
        OptimizationResult r = new Lbfgs().withMaxIterations(1100).minimize(quadratic, ones, (k, x, f, g) -> {
            xs.add(x);
            fs.add(f);
        });
        assertFalse(r.converged());
        assertEquals("maximum number of iterations (1100) reached", r.reason());
        double[] h = r.lossHistory();
        assertEquals(1101, h.length);
        assertEquals(1101, fs.size());
        for (int k = 0; k < h.length; k++) {
            assertEquals(fs.get(k), h[k], 0.0, "history[" + k + "]");
            assertEquals(quadratic.valueAndGradient(xs.get(k), new double[n]), h[k], 0.0, "history[" + k + "]");
            assertTrue(k == 0 || h[k] < h[k - 1], "the loss decreases at step " + k);
        }
    }

    @Test
    void startingAtTheMinimumTakesNoStep() {
        OptimizationResult r = new Lbfgs().minimize(LbfgsTest::rosenbrock, new double[] {1.0, 1.0});
        assertTrue(r.converged());
        assertEquals(0, r.iterations());
        assertEquals(1, r.evaluations());
        assertEquals("gradient norm 0.0 <= 1.0E-8 at the starting point", r.reason());
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
