package dev.leibniz.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How {@link Lbfgsb} reports its steps and why it stops: the listener against the objective
 * re-evaluated by the test, the relative-change test against the run's own loss history, a line
 * search that cannot succeed (a gradient of the wrong sign) and a kink of f (|x − c|, whose
 * minimiser c is known in closed form).
 */
class LbfgsbStoppingTest {
    private static final double[] C = {0.3, -0.7, 1.1};
    private static final double[] W = {1, 4, 0.5};
    private static final double[] LO = {-2, -2, -2};
    private static final double[] HI = {2, 2, 2};

    /** Σ wᵢ (xᵢ − cᵢ)², minimiser c. */
    private static double weighted(double[] x) {
        double v = 0;
        for (int i = 0; i < x.length; i++) {
            v += W[i] * (x[i] - C[i]) * (x[i] - C[i]);
        }
        return v;
    }

    private static Objective weightedQuadratic(double gradientSign) {
        return (x, g) -> {
            for (int i = 0; i < x.length; i++) {
                g[i] = gradientSign * 2 * W[i] * (x[i] - C[i]);
            }
            return weighted(x);
        };
    }

    @Test
    void listenerSeesTheStartAndEveryAcceptedStepInOrder() {
        List<Integer> iterations = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        OptimizationResult r = new Lbfgsb().minimize(weightedQuadratic(1), new double[] {1.5, 1.5, -1.5}, LO, HI,
                (k, x, value, gradient) -> {
                    iterations.add(k);
                    assertEquals(weighted(x), value, 0, "the value reported at iteration " + k);
                    values.add(value);
                });
        assertTrue(r.converged(), r.reason());
        assertEquals(r.iterations() + 1, iterations.size());
        for (int k = 0; k < iterations.size(); k++) {
            assertEquals(k, iterations.get(k));
            assertEquals(values.get(k), r.lossHistory()[k], 0);
        }
        assertEquals(weighted(new double[] {1.5, 1.5, -1.5}), values.get(0), 0);
        assertArrayEquals(C, r.x(), 1e-7);
    }

    @Test
    void relativeChangeOfFStopsAtTheFirstSmallStep() {
        // 1 + Σ wᵢ (xᵢ − cᵢ)⁴: no quasi-Newton step lands on the minimiser, and f stays away from 0
        Objective quartic = (x, g) -> {
            double v = 1;
            for (int i = 0; i < x.length; i++) {
                double e = x[i] - C[i];
                v += W[i] * e * e * e * e;
                g[i] = 4 * W[i] * e * e * e;
            }
            return v;
        };
        double tol = 1e-3;
        OptimizationResult r = new Lbfgsb().withGradientTolerance(1e-300).withFunctionTolerance(tol)
                .minimize(quartic, new double[] {1.5, 1.5, -1.5}, LO, HI);
        assertTrue(r.converged(), r.reason());
        assertTrue(r.reason().startsWith("relative change of f"), r.reason());
        double[] h = r.lossHistory();
        int k = h.length - 1;
        assertTrue(Math.abs(h[k - 1] - h[k]) <= tol * Math.max(Math.abs(h[k - 1]), Math.abs(h[k])));
        for (int j = 1; j < k; j++) {
            assertTrue(Math.abs(h[j - 1] - h[j]) > tol * Math.max(Math.abs(h[j - 1]), Math.abs(h[j])),
                    "step " + j + " already met the test");
        }
    }

    @Test
    void aGradientOfTheWrongSignEndsInAFailedLineSearchAtTheStart() {
        double[] x0 = {1.5, 1.5, -1.5};
        // 5 trials: the step stays far above the rounding of x, where f(x + αd) = f(x) would pass Armijo
        OptimizationResult r = new Lbfgsb().withMaxLineSearchEvaluations(5).minimize(weightedQuadratic(-1), x0, LO, HI);
        assertFalse(r.converged());
        assertTrue(r.reason().startsWith("the line search found no decrease in 5 trials"), r.reason());
        assertEquals(0, r.iterations());
        assertArrayEquals(x0, r.x(), 0);
    }

    @Test
    void aKinkIsReachedByShrinkingStepsAndReportedAsNotConverged() {
        Objective laplace = (x, g) -> {
            double v = 0;
            for (int i = 0; i < x.length; i++) {
                v += W[i] * Math.abs(x[i] - C[i]);
                g[i] = W[i] * Math.signum(x[i] - C[i]);
            }
            return v;
        };
        OptimizationResult r = new Lbfgsb().minimize(laplace, new double[] {1.5, 1.5, -1.5}, LO, HI);
        // the gradient jumps by 2wᵢ across the kink, so the run ends on ever smaller steps, not on ∇f
        assertFalse(r.converged());
        assertTrue(r.reason().startsWith("the step is below the rounding of x"), r.reason());
        assertArrayEquals(C, r.x(), 1e-6);
    }
}
