package dev.leibniz.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.junit.jupiter.api.Test;

/**
 * {@link Lbfgsb} against oracles that share nothing with it: the generalized Cauchy point against
 * a fine scan of the model along the projected path, a bounded convex quadratic against the
 * enumeration of all 3ⁿ active sets (the unique one satisfying the KKT conditions), and a bounded
 * nonconvex problem against Commons Math's derivative-free BOBYQA.
 */
class LbfgsbTest {
    /** An SPD matrix with coupling (diagonally dominant). */
    private static final double[][] A = {
        {4, 1, -0.5, 0.3, 0},
        {1, 3, 0.8, 0, -0.6},
        {-0.5, 0.8, 5, 1.2, 0.4},
        {0.3, 0, 1.2, 2.5, -0.9},
        {0, -0.6, 0.4, -0.9, 3}};
    private static final double[] C = {6, -5, 2, 4, -3};
    private static final double[] LO = {-1, -1, -0.2, 0, -0.5};
    private static final double[] HI = {1, 0.5, 0.3, 2, 0.5};

    private static Objective quadratic() {
        return (x, g) -> {
            double v = 0;
            for (int i = 0; i < x.length; i++) {
                double ax = 0;
                for (int j = 0; j < x.length; j++) {
                    ax += A[i][j] * x[j];
                }
                g[i] = ax - C[i];
                v += x[i] * (0.5 * ax - C[i]);
            }
            return v;
        };
    }

    /**
     * The minimiser of ½xᵀAx − cᵀx on the box by enumeration: for each assignment of every
     * coordinate to free, lower or upper, solve A_FF x_F = c_F − A_FB x_B and keep the one that is
     * feasible with multipliers of the right sign (g ≥ 0 at lower, ≤ 0 at upper bounds).
     */
    private static double[] enumeratedMinimiser() {
        int n = C.length;
        int combos = (int) Math.pow(3, n);
        double[] found = null;
        for (int code = 0; code < combos; code++) {
            int[] state = new int[n];
            int rest = code;
            for (int i = 0; i < n; i++) {
                state[i] = rest % 3; // 0 free, 1 lower, 2 upper
                rest /= 3;
            }
            double[] x = new double[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                x[i] = state[i] == 1 ? LO[i] : state[i] == 2 ? HI[i] : 0;
                m += state[i] == 0 ? 1 : 0;
            }
            int[] free = new int[m];
            int q = 0;
            for (int i = 0; i < n; i++) {
                if (state[i] == 0) {
                    free[q++] = i;
                }
            }
            double[][] a = new double[m][m + 1];
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    a[r][c] = A[free[r]][free[c]];
                }
                a[r][m] = C[free[r]];
                for (int j = 0; j < n; j++) {
                    if (state[j] != 0) {
                        a[r][m] -= A[free[r]][j] * x[j];
                    }
                }
            }
            double[] xf = gauss(a);
            for (int r = 0; r < m; r++) {
                x[free[r]] = xf[r];
            }
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                double g = -C[i];
                for (int j = 0; j < n; j++) {
                    g += A[i][j] * x[j];
                }
                ok = x[i] >= LO[i] - 1e-12 && x[i] <= HI[i] + 1e-12
                        && (state[i] != 1 || g >= -1e-12) && (state[i] != 2 || g <= 1e-12);
            }
            if (ok) {
                assertTrue(found == null, "the KKT point of a strictly convex problem is unique");
                found = x;
            }
        }
        return found;
    }

    private static double[] gauss(double[][] a) {
        int m = a.length;
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = c + 1; r < m; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= m; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] x = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double s = a[r][m];
            for (int k = r + 1; k < m; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    @Test
    void boundedQuadraticEndsOnTheEnumeratedKktPoint() {
        double[] expected = enumeratedMinimiser();
        int atBounds = 0;
        for (int i = 0; i < expected.length; i++) {
            atBounds += expected[i] == LO[i] || expected[i] == HI[i] ? 1 : 0;
        }
        assertTrue(atBounds >= 2, "the test needs several active bounds, has " + atBounds);
        OptimizationResult r = new Lbfgsb().minimize(quadratic(), new double[] {0, 0, 0, 1, 0}, LO, HI);
        assertTrue(r.converged(), r.toString());
        assertArrayEquals(expected, r.x(), 1e-9, r.toString());
        OptimizationResult projected = new ProjectedLbfgs().minimize(quadratic(), new double[] {0, 0, 0, 1, 0}, LO, HI);
        assertArrayEquals(expected, projected.x(), 1e-8, "the two-metric projection agrees: " + projected);
    }

    /** m(t) = gᵀz(t) + ½z(t)ᵀBz(t) on the projected path z(t) = P(x − t g) − x. */
    private static double model(double t, double[] x, double[] g, double[][] b, double[] lo, double[] hi) {
        int n = x.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = Math.min(hi[i], Math.max(lo[i], x[i] - t * g[i])) - x[i];
        }
        double m = 0;
        for (int i = 0; i < n; i++) {
            m += g[i] * z[i];
            for (int j = 0; j < n; j++) {
                m += 0.5 * z[i] * b[i][j] * z[j];
            }
        }
        return m;
    }

    @Test
    void cauchyPointIsTheFirstMinimumOfTheModelAlongTheProjectedPath() {
        double[] x = {0.2, -0.3, 0.1, 1.0, 0.0};
        double[] g = {-3, 2.5, 0.7, -1.2, 4};
        double[] xc = Lbfgsb.cauchyPoint(x, g, A, LO, HI);
        // scan t until the model stops decreasing, then refine by golden section
        double h = 1e-5;
        double t = 0;
        while (model(t + h, x, g, A, LO, HI) < model(t, x, g, A, LO, HI) && t < 100) {
            t += h;
        }
        double a = Math.max(0, t - h);
        double c = t + h;
        for (int k = 0; k < 200; k++) {
            double m1 = a + 0.382 * (c - a);
            double m2 = a + 0.618 * (c - a);
            if (model(m1, x, g, A, LO, HI) < model(m2, x, g, A, LO, HI)) {
                c = m2;
            } else {
                a = m1;
            }
        }
        double tStar = 0.5 * (a + c);
        double[] expected = new double[x.length];
        int clipped = 0;
        for (int i = 0; i < x.length; i++) {
            expected[i] = Math.min(HI[i], Math.max(LO[i], x[i] - tStar * g[i]));
            clipped += expected[i] == LO[i] || expected[i] == HI[i] ? 1 : 0;
        }
        assertTrue(clipped >= 1, "the path must pass a breakpoint before its minimum for the test to mean something");
        assertArrayEquals(expected, xc, 1e-9);
    }

    /**
     * A convex, non-quadratic, coupled problem, log Σₖ exp(aₖᵀx) + ½‖x‖² − cᵀx on [−1, 1]⁴ with
     * c pulling two coordinates past their bounds (as in {@link ProjectedLbfgsTest}): the minimum is
     * unique, so BOBYQA of Commons Math (derivative-free, trust radius 1e-11) is an oracle.
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
        OptimizationResult r = new Lbfgsb().minimize(f, x0, lo, hi);
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
     * Rosenbrock on x₀ ≤ 0.5: on the bound the minimum over x₁ is x₁ = x₀² = 0.25 (the first term
     * vanishes), and there ∂f/∂x₀ = −2(1 − 0.5) &lt; 0 pushes outwards, so (0.5, 0.25) is the KKT point.
     */
    @Test
    void rosenbrockCutByABoundEndsOnTheClosedFormKktPoint() {
        Objective f = (x, g) -> {
            double a = x[1] - x[0] * x[0];
            double b = 1 - x[0];
            g[0] = -400 * x[0] * a - 2 * b;
            g[1] = 200 * a;
            return 100 * a * a + b * b;
        };
        OptimizationResult r = new Lbfgsb().minimize(f, new double[] {-1.2, 1}, new double[] {-2, -2},
                new double[] {0.5, 2});
        assertTrue(r.converged(), r.toString());
        assertArrayEquals(new double[] {0.5, 0.25}, r.x(), 1e-8, r.toString());
    }

    @Test
    void infiniteBoundsMinimiseTheUnconstrainedRosenbrock() {
        Objective f = (x, g) -> {
            double a = x[1] - x[0] * x[0];
            double b = 1 - x[0];
            g[0] = -400 * x[0] * a - 2 * b;
            g[1] = 200 * a;
            return 100 * a * a + b * b;
        };
        double inf = Double.POSITIVE_INFINITY;
        OptimizationResult r = new Lbfgsb().minimize(f, new double[] {-1.2, 1}, new double[] {-inf, -inf},
                new double[] {inf, inf});
        assertTrue(r.converged(), r.toString());
        assertArrayEquals(new double[] {1, 1}, r.x(), 1e-7, r.toString());
    }

    /** f = NaN for x &gt; 1.5 between the start and the minimum of (x − 3)²: trials are cut back. */
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
        OptimizationResult r = new Lbfgsb().withMaxIterations(50).minimize(f, new double[] {0}, new double[] {-5},
                new double[] {5});
        assertTrue(Double.isFinite(r.value()), r.toString());
        assertTrue(r.x()[0] <= 1.5 && r.x()[0] > 1.4, r.toString());
    }

    @Test
    void badBoundsAndStartsAreNamed() {
        Objective f = (x, g) -> 0;
        OptimizationException e = assertThrows(OptimizationException.class,
                () -> new Lbfgsb().minimize(f, new double[] {0, 0}, new double[] {0, 1}, new double[] {1, 0}));
        assertTrue(e.getMessage().contains("L-BFGS-B: parameter 1 has bounds [1.0, 0.0]"), e.getMessage());
        e = assertThrows(OptimizationException.class, () -> new Lbfgsb().withMemory(0));
        assertTrue(e.getMessage().contains("memory must be at least 1"), e.getMessage());
        Objective nan = (x, g) -> Double.NaN;
        e = assertThrows(OptimizationException.class,
                () -> new Lbfgsb().minimize(nan, new double[] {0}, new double[] {0}, new double[] {1}));
        assertTrue(e.getMessage().contains("iteration 0"), e.getMessage());
    }
}
