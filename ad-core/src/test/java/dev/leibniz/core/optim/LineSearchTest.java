package dev.leibniz.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The strong Wolfe line search on one-dimensional functions with known minimisers; the
 * conditions are re-checked here from the function's own closed form.
 */
class LineSearchTest {

    /** f(x) = eˣ − 2x, f'(x) = eˣ − 2, minimiser ln 2. */
    private static final Objective EXP = (x, g) -> {
        g[0] = Math.exp(x[0]) - 2;
        return Math.exp(x[0]) - 2 * x[0];
    };

    private static void assertStrongWolfe(double c1, double c2, double f0, double slope0, double alpha, double x0, double d) {
        double x = x0 + alpha * d;
        double f = Math.exp(x) - 2 * x;
        double slope = (Math.exp(x) - 2) * d;
        assertTrue(f <= f0 + c1 * alpha * slope0, "sufficient decrease fails at alpha " + alpha);
        assertTrue(Math.abs(slope) <= c2 * Math.abs(slope0), "curvature fails at alpha " + alpha);
    }

    @Test
    void acceptedStepsSatisfyStrongWolfeFromAnyInitialStep() {
        LineSearch ls = new LineSearch();
        double[] x = {0.0};
        double f0 = 1.0;      // e⁰ − 0
        double[] g0 = {-1.0}; // e⁰ − 2
        for (double alpha0 : new double[] {1e-4, 0.01, 0.3, 1.0, 5.0, 100.0}) {
            LineSearch.Step s = ls.search(EXP, x, f0, g0, new double[] {1.0}, alpha0);
            assertTrue(s.satisfied(), s.message());
            assertStrongWolfe(1e-4, 0.9, f0, -1.0, s.alpha(), 0.0, 1.0);
            assertEquals(s.alpha(), s.x()[0], 0.0);
            assertEquals(Math.exp(s.alpha()) - 2 * s.alpha(), s.value(), 1e-15);
        }
    }

    @Test
    void unitStepIsAcceptedWhenItSatisfiesTheConditions() {
        // φ(1) = e − 2 ≤ 1 − 1e-4 and |φ'(1)| = e − 2 ≈ 0.718 ≤ 0.9: one evaluation
        LineSearch.Step s = new LineSearch().search(EXP, new double[] {0.0}, 1.0, new double[] {-1.0}, new double[] {1.0}, 1.0);
        assertEquals(1.0, s.alpha(), 0.0);
        assertEquals(1, s.evaluations());
    }

    @Test
    void aNearlyExactSearchFindsTheKnownMinimiser() {
        // |φ'(α)| = |e^α − 2| ≤ 1e-6·|φ'(0)| = 1e-6 puts α within 1e-6/2 (to first order) of ln 2.
        // (Much smaller c₂ asks for more than φ can resolve: within 1e-8 of ln 2, φ varies by less
        // than its rounding error.)
        LineSearch ls = new LineSearch(1e-7, 1e-6, 50);
        for (double alpha0 : new double[] {0.01, 1.0, 30.0}) {
            LineSearch.Step s = ls.search(EXP, new double[] {0.0}, 1.0, new double[] {-1.0}, new double[] {1.0}, alpha0);
            assertTrue(s.satisfied(), s.message());
            assertEquals(Math.log(2), s.alpha(), 0.51e-6);
        }
        // from the other side, along d = −1: φ'(0) = −(e² − 2), so |α − (2 − ln 2)| ≤ 1e-6·(e² − 2)/2
        LineSearch.Step s = ls.search(EXP, new double[] {2.0}, Math.exp(2) - 4, new double[] {Math.exp(2) - 2},
                new double[] {-1.0}, 0.5);
        assertTrue(s.satisfied(), s.message());
        assertEquals(2.0 - Math.log(2), s.alpha(), 1e-6 * (Math.exp(2) - 2) / 2 * 1.02);
    }

    @Test
    void cubicInterpolationIsExactOnAQuadratic() {
        // φ(α) = (α − 2)²: through (0, 4, −4) and (1, 1, −2) the cubic's minimiser is 2
        assertEquals(2.0, LineSearch.cubicMinimizer(0, 4, -4, 1, 1, -2), 1e-15);
        assertEquals(2.0, LineSearch.cubicMinimizer(3, 1, 2, 1, 1, -2), 1e-15);
        // f(x) = (x − 2)² from 0 with a near-exact search: three evaluations (1, 2.1, then 2 exactly)
        Objective q = (x, g) -> {
            g[0] = 2 * (x[0] - 2);
            return (x[0] - 2) * (x[0] - 2);
        };
        LineSearch.Step s = new LineSearch(1e-13, 1e-12, 50).search(q, new double[] {0}, 4, new double[] {-4},
                new double[] {1}, 1.0);
        assertEquals(2.0, s.alpha(), 1e-15);
        assertEquals(3, s.evaluations());
    }

    @Test
    void nonFiniteValuesAreBacktrackedFrom() {
        // f(x) = x − log x, minimiser 1; a step past 0 gives NaN and must be backtracked
        Objective f = (x, g) -> {
            g[0] = 1 - 1 / x[0];
            return x[0] - Math.log(x[0]);
        };
        double x0 = 3.0;
        LineSearch.Step s = new LineSearch().search(f, new double[] {x0}, x0 - Math.log(x0), new double[] {1 - 1 / x0},
                new double[] {-1.0}, 10.0);
        assertTrue(s.satisfied(), s.message());
        double x = x0 - s.alpha();
        assertTrue(x > 0);
        assertTrue(Math.abs(1 - 1 / x) <= 0.9 * Math.abs(1 - 1 / x0));
    }

    @Test
    void unboundedDirectionFailsWithAReason() {
        Objective linear = (x, g) -> {
            g[0] = -1;
            return -x[0];
        };
        LineSearch.Step s = new LineSearch(1e-4, 0.9, 20).search(linear, new double[] {0}, 0, new double[] {-1},
                new double[] {1}, 1);
        assertFalse(s.satisfied());
        assertEquals(20, s.evaluations());
        assertTrue(s.message().contains("unbounded below"), s.message());
    }

    @Test
    void badArgumentsAreErrors() {
        LineSearch ls = new LineSearch();
        double[] x = {0.0};
        assertThrows(OptimizationException.class, () -> ls.search(EXP, x, 1.0, new double[] {-1.0}, new double[] {-1.0}, 1.0));
        assertThrows(OptimizationException.class, () -> ls.search(EXP, x, 1.0, new double[] {-1.0}, new double[] {1.0}, 0.0));
        assertThrows(OptimizationException.class, () -> ls.search(EXP, x, Double.NaN, new double[] {-1.0}, new double[] {1.0}, 1));
        assertThrows(OptimizationException.class, () -> ls.search(EXP, x, 1.0, new double[2], new double[] {1.0}, 1.0));
        assertThrows(OptimizationException.class, () -> ls.search(null, x, 1.0, new double[] {-1.0}, new double[] {1.0}, 1.0));
        assertThrows(OptimizationException.class, () -> new LineSearch(0.5, 0.4, 10));
        assertThrows(OptimizationException.class, () -> new LineSearch(0.0, 0.9, 10));
        assertThrows(OptimizationException.class, () -> new LineSearch(1e-4, 1.0, 10));
        assertThrows(OptimizationException.class, () -> new LineSearch(1e-4, 0.9, 0));
    }
}
