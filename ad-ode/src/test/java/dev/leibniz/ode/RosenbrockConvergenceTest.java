package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Var;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Rosenbrock tableau, run through the public solver with constant steps (tolerances so
 * loose that no step is rejected, the maximum and initial step fixed), attains its order against
 * a closed form, at the step ends and on its dense output inside the steps. The problem is
 * nonlinear and non-autonomous, so the C, d (∂f/∂t) and a coefficients all count:
 * <pre>
 *   u' = −v + u(1 − u² − v²),  v' = u + v(1 − u² − v²),  w' = w cos t
 *   r(t) = 1/√(1 + (1/r₀² − 1)e^(−2t)),  φ = φ₀ + t,  w = w₀ e^(sin t)
 * </pre>
 * A mistyped coefficient drops the observed order (checked by changing one digit of a₃₂).
 */
class RosenbrockConvergenceTest {
    private static final double R0 = 0.5;

    private static OdeProblem cycle() {
        return OdeProblem.builder().states("u", "v", "w").rhs((t, y, p) -> {
            Var g = y[0].square().add(y[1].square()).neg().add(1);
            return new Var[] {y[1].neg().add(y[0].mul(g)), y[0].add(y[1].mul(g)), y[2].mul(t.cos())};
        }).initial(R0, 0, 1).build();
    }

    private static double[] exact(double t) {
        double r = 1 / Math.sqrt(1 + (1 / (R0 * R0) - 1) * Math.exp(-2 * t));
        return new double[] {r * Math.cos(t), r * Math.sin(t), Math.exp(Math.sin(t))};
    }

    /** Max-norm error at the step ends (k = 1 … n) or at the step midpoints (dense output). */
    private static double error(Method m, int n, boolean midpoints) {
        double tEnd = 2;
        double h = tEnd / n;
        double[] times = new double[n];
        for (int k = 0; k < n; k++) {
            times[k] = midpoints ? (k + 0.5) * h : (k + 1) * h;
        }
        SolverOptions o = SolverOptions.DEFAULT.withMethod(m).withTolerances(1e3, 1e3).withInitialStep(h)
                .withMaxStep(h);
        Solution s = Ode.solve(cycle(), new double[0], times, o);
        assertEquals(n, s.statistics().steps(), m + ": constant steps");
        assertEquals(0, s.statistics().rejectedSteps());
        double worst = 0;
        for (int k = 0; k < n; k++) {
            double[] ex = exact(times[k]);
            for (int i = 0; i < 3; i++) {
                worst = Math.max(worst, Math.abs(s.value(k, i) - ex[i]));
            }
        }
        return worst;
    }

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"RODAS5P", "RODAS4", "ROSENBROCK"})
    void attainsItsOrderAtTheStepEnds(Method m) {
        double e1 = error(m, 16, false);
        double e2 = error(m, 32, false);
        double e3 = error(m, 64, false);
        double slope = Math.log(e2 / e3) / Math.log(2);
        System.out.printf("%s: errors %.3g %.3g %.3g, observed order %.2f%n", m, e1, e2, e3, slope);
        assertEquals(m.order(), slope, 0.35, m + " order");
        assertTrue(Math.log(e1 / e2) / Math.log(2) > m.order() - 0.6, m + " order on the coarser pair");
    }

    /** Rodas5P's dense output is of order 4, Rodas4's of order 3: the midpoint error falls at least that fast. */
    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"RODAS5P", "RODAS4"})
    void denseOutputAttainsItsOrder(Method m) {
        double e2 = error(m, 32, true);
        double e3 = error(m, 64, true);
        double slope = Math.log(e2 / e3) / Math.log(2);
        int denseOrder = m == Method.RODAS5P ? 4 : 3;
        System.out.printf("%s dense output: errors %.3g %.3g, observed order %.2f%n", m, e2, e3, slope);
        assertTrue(slope > denseOrder - 0.3, m + " dense order " + slope);
    }
}
