package dev.leibniz.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.junit.jupiter.api.Test;

/**
 * Bound-constrained L-BFGS on problems whose minimisers are known in closed form (clipped
 * separable quadratics, Rosenbrock cut by a bound, a coupled quadratic worked by hand through its
 * KKT conditions) and, for a convex non-quadratic problem, against Commons Math's derivative-free
 * BOBYQA (Powell 2009) as an independent oracle.
 */
class ProjectedLbfgsTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    /** Σ cᵢ(xᵢ − aᵢ)² on a box: the minimiser is clip(a) coordinate by coordinate. */
    @Test
    void separableQuadraticEndsOnTheClippedMinimiser() {
        double[] c = {1, 10, 0.1, 100, 3};
        double[] a = {-3, 0.5, 7, 2, -1};
        double[] lo = {-1, -1, -1, -1, -1};
        double[] hi = {1, 1, 1, 1, 1};
        Objective f = (x, g) -> {
            double v = 0;
            for (int i = 0; i < x.length; i++) {
                v += c[i] * (x[i] - a[i]) * (x[i] - a[i]);
                g[i] = 2 * c[i] * (x[i] - a[i]);
            }
            return v;
        };
        double[] expected = {-1, 0.5, 1, 1, -1};
        for (double[] x0 : new double[][] {{0, 0, 0, 0, 0}, {1, -1, -1, -1, 1}, {-1, 1, 1, 1, -1}, {5, 5, -5, 0.3, 0}}) {
            OptimizationResult r = new ProjectedLbfgs().minimize(f, x0, lo, hi);
            assertTrue(r.converged(), r.toString());
            assertArrayEquals(expected, r.x(), 1e-9, r.toString());
            assertEquals(4 + 0 + 0.1 * 36 + 100 + 0, r.value(), 1e-8);
        }
    }

    /**
     * Rosenbrock (1 − x)² + 100(y − x²)² with x ≤ 0.5: for each x the best y is x², leaving
     * (1 − x)², which decreases up to the bound, so the minimum is (0.5, 0.25) with f = 0.25.
     */
    @Test
    void rosenbrockCutByABoundHasItsMinimumOnTheBound() {
        OptimizationResult r = new ProjectedLbfgs().minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1},
                new double[] {-2, -2}, new double[] {0.5, 2});
        assertTrue(r.converged(), r.toString());
        assertEquals(0.5, r.x()[0], 0.0, r.toString());
        assertEquals(0.25, r.x()[1], 1e-8, r.toString());
        assertEquals(0.25, r.value(), 1e-12);
        assertTrue(r.gradientNorm() <= 1e-8, "the projected gradient vanishes on the bound: " + r);
    }

    /** With infinite bounds the method is unconstrained L-BFGS: Rosenbrock's minimum (1, 1). */
    @Test
    void infiniteBoundsMinimiseTheUnconstrainedRosenbrock() {
        OptimizationResult r = new ProjectedLbfgs().minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1, -1.2, 1},
                new double[] {-INF, -INF, -INF, -INF}, new double[] {INF, INF, INF, INF});
        assertTrue(r.converged(), r.toString());
        assertArrayEquals(new double[] {1, 1, 1, 1}, r.x(), 1e-6, r.toString());
    }

    /**
     * f = (x − 3)² + 2(y − x)² on x ∈ [0, 2], y ∈ [0.4, 4]. Unconstrained minimum (3, 3); with
     * x ≤ 2, ∂f/∂y = 4(y − x) = 0 gives y = x = 2 and ∂f/∂x = 2(x − 3) − 4(y − x) = −2 &lt; 0 at the
     * upper bound (KKT), so the minimum is (2, 2), f = 1. From (0, 0.5) the first step pushes y
     * onto its lower bound 0.4, from where it must come back to 2, and x moves from its lower bound
     * to its upper one: the active set changes twice.
     */
    @Test
    void activeSetChangesOnTheWayToAMinimumOnABound() {
        Objective f = (x, g) -> {
            g[0] = 2 * (x[0] - 3) - 4 * (x[1] - x[0]);
            g[1] = 4 * (x[1] - x[0]);
            return (x[0] - 3) * (x[0] - 3) + 2 * (x[1] - x[0]) * (x[1] - x[0]);
        };
        double[] lo = {0, 0.4};
        double[] hi = {2, 4};
        List<double[]> path = new ArrayList<>();
        OptimizationResult r = new ProjectedLbfgs().minimize(f, new double[] {0, 0.5}, lo, hi, (k, x, v, g) -> path.add(x));
        assertTrue(r.converged(), r.toString());
        assertArrayEquals(new double[] {2, 2}, r.x(), 1e-9, r.toString());
        assertEquals(1, r.value(), 1e-12);
        assertTrue(path.stream().anyMatch(x -> x[1] == 0.4), "y touched its lower bound on the way");
        for (double[] x0 : new double[][] {{0, 4}, {2, 0.4}, {1, 1}, {0, 0.4}, {2, 4}}) {
            assertArrayEquals(new double[] {2, 2}, new ProjectedLbfgs().minimize(f, x0, lo, hi).x(), 1e-9);
        }
    }

    /**
     * A convex, non-quadratic, coupled problem, log Σₖ exp(aₖᵀx) + ½‖x‖² − cᵀx on [−1, 1]⁴ with
     * c pulling two coordinates past their bounds: the minimum is unique, so the derivative-free
     * BOBYQA of Commons Math, run to a trust radius of 1e-11, is an independent oracle.
     */
    @Test
    void convexCoupledProblemAgreesWithBobyqa() {
        double[][] a = {{1, -2, 0.5, 0}, {0.3, 1, -1, 2}, {-1, 0.2, 1.5, -0.7}};
        double[] c = {3, -0.2, -4, 0.5};
        Objective f = (x, g) -> {
            double[] e = new double[a.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < a.length; k++) {
                for (int i = 0; i < x.length; i++) {
                    e[k] += a[k][i] * x[i];
                }
                max = Math.max(max, e[k]);
            }
            double sum = 0;
            for (int k = 0; k < a.length; k++) {
                e[k] = Math.exp(e[k] - max);
                sum += e[k];
            }
            double v = max + Math.log(sum);
            for (int i = 0; i < x.length; i++) {
                g[i] = x[i] - c[i];
                for (int k = 0; k < a.length; k++) {
                    g[i] += e[k] / sum * a[k][i];
                }
                v += 0.5 * x[i] * x[i] - c[i] * x[i];
            }
            return v;
        };
        double[] lo = {-1, -1, -1, -1};
        double[] hi = {1, 1, 1, 1};
        double[] x0 = {0.1, 0.2, 0.3, -0.4};
        OptimizationResult r = new ProjectedLbfgs().minimize(f, x0, lo, hi);
        BOBYQAOptimizer bobyqa = new BOBYQAOptimizer(2 * 4 + 1, 0.1, 1e-11);
        PointValuePair oracle = bobyqa.optimize(new MaxEval(100_000), GoalType.MINIMIZE, new InitialGuess(x0),
                new SimpleBounds(lo, hi), new ObjectiveFunction(x -> f.valueAndGradient(x, new double[4])));
        assertTrue(r.converged(), r.toString());
        assertArrayEquals(oracle.getPoint(), r.x(), 1e-6, r.toString());
        assertEquals(oracle.getValue(), r.value(), 1e-10);
        assertEquals(1.0, r.x()[0], 0.0, "c₀ = 3 pushes x₀ onto its upper bound");
        assertEquals(-1.0, r.x()[2], 0.0, "c₂ = −4 pushes x₂ onto its lower bound");
    }

    /**
     * A solver failure (f = NaN for x &gt; 1.5) between the start and the minimum of (x − 3)²:
     * the trial steps are cut back, the iterates stay finite and end below the wall.
     */
    @Test
    void nonFiniteTrialsAreBacktrackedFrom() {
        Objective f = (x, g) -> {
            if (x[0] > 1.5) {
                g[0] = Double.NaN;
                return Double.NaN;
            }
            g[0] = 2 * (x[0] - 3);
            return (x[0] - 3) * (x[0] - 3);
        };
        OptimizationResult r = new ProjectedLbfgs().withMaxIterations(50).minimize(f, new double[] {0}, new double[] {-5},
                new double[] {5});
        assertTrue(Double.isFinite(r.value()), r.toString());
        assertTrue(r.x()[0] <= 1.5 && r.x()[0] > 1.4, r.toString());
    }

    @Test
    void startOutsideTheBoxIsProjected() {
        Objective f = (x, g) -> {
            g[0] = 2 * x[0];
            return x[0] * x[0];
        };
        List<double[]> path = new ArrayList<>();
        OptimizationResult r = new ProjectedLbfgs().minimize(f, new double[] {9}, new double[] {1}, new double[] {2},
                (k, x, v, g) -> path.add(x));
        assertEquals(2.0, path.get(0)[0], 0.0, "9 clipped onto [1, 2]");
        assertEquals(1.0, r.x()[0], 0.0, "x² on [1, 2] is least at the lower bound");
    }

    @Test
    void badBoundsAndStartsAreNamed() {
        Objective f = (x, g) -> 0;
        OptimizationException e = assertThrows(OptimizationException.class,
                () -> new ProjectedLbfgs().minimize(f, new double[] {0, 0}, new double[] {0, 1}, new double[] {1, 0}));
        assertTrue(e.getMessage().contains("parameter 1 has bounds [1.0, 0.0]"), e.getMessage());
        e = assertThrows(OptimizationException.class,
                () -> new ProjectedLbfgs().minimize(f, new double[] {0, 0}, new double[] {0}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("2 parameters but 1 lower"), e.getMessage());
        e = assertThrows(OptimizationException.class,
                () -> new ProjectedLbfgs().minimize(f, new double[] {Double.NaN}, new double[] {0}, new double[] {1}));
        assertTrue(e.getMessage().contains("parameter 0 is NaN"), e.getMessage());
        e = assertThrows(OptimizationException.class, () -> new ProjectedLbfgs().withMemory(0));
        assertTrue(e.getMessage().contains("memory must be at least 1"), e.getMessage());
        Objective nan = (x, g) -> Double.NaN;
        e = assertThrows(OptimizationException.class,
                () -> new ProjectedLbfgs().minimize(nan, new double[] {0}, new double[] {0}, new double[] {1}));
        assertTrue(e.getMessage().contains("iteration 0"), e.getMessage());
    }
}
