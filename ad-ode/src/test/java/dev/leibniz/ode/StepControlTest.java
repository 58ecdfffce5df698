package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * Step control: the minimum step from the current time, per-state absolute tolerances, the error
 * norms, the options' validation and the advice of a failed solve.
 */
class StepControlTest {

    /**
     * Regression: the minimum step was 16 ulps of the end time, 16·ulp(1e11) = 2.4e-4, far above
     * the 1e-6 steps Robertson's fast transient needs near t = 0, so the solve stopped with
     * "step size underflow". Reference: Mazzia &amp; Magherini, Test Set for IVP Solvers (Bari),
     * problem ROBER, y(1e11) = (0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050).
     */
    @Test
    void robertsonToTenToTheElevenDoesNotUnderflow() {
        Solution s = Ode.solve(StiffTest.robertson(), StiffTest.RATES, new double[] {1e11},
                SolverOptions.DEFAULT.withMethod(Method.ROSENBROCK).withTolerances(1e-6, 1e-12));
        double[] ref = {0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050};
        for (int i = 0; i < 3; i++) {
            assertEquals(ref[i], s.value(0, i), 10 * (1e-12 + 1e-6 * Math.abs(ref[i])), "y" + (i + 1));
        }
    }

    /**
     * y' = −y, y(0) = 1, and the faster z' = −10z, z(0) = 1e-8: with one atol of 1e-6 the small z
     * does not take part in the step control and the slow y sets steps too long for it; its own
     * atol resolves it.
     */
    private static OdeProblem twoDecays() {
        return OdeProblem.builder().states("y", "z")
                .rhs((t, y, p) -> new Var[] {y[0].neg(), y[1].mul(-10)}).initial(1, 1e-8).build();
    }

    @Test
    void perStateAbsoluteToleranceControlsTheSmallState() {
        double[] times = {0.5};
        double exact = 1e-8 * Math.exp(-5);
        SolverOptions loose = SolverOptions.DEFAULT.withTolerances(1e-3, 1e-6);
        double errScalar = Math.abs(Ode.solve(twoDecays(), new double[0], times, loose).value(0, 1) - exact);
        Solution tight = Ode.solve(twoDecays(), new double[0], times, loose.withAbsoluteTolerances(1e-6, 1e-16));
        double errVector = Math.abs(tight.value(0, 1) - exact);
        System.out.println("z(0.5): error " + errScalar + " with the scalar atol, " + errVector + " with its own");
        assertTrue(errVector < 1e-2 * exact, "with atol_z = 1e-16 z is relative-accurate: " + errVector);
        assertTrue(errScalar > 10 * errVector, "with the scalar atol z is not resolved: " + errScalar);
        OdeException e = assertThrows(OdeException.class, () -> Ode.solve(twoDecays(), new double[0], times,
                loose.withAbsoluteTolerances(1e-6)));
        assertTrue(e.getMessage().contains("absoluteTolerances has 1 entries but the problem has 2 states"),
                e.getMessage());
        e = assertThrows(OdeException.class, () -> loose.withAbsoluteTolerances(1e-6, 0));
        assertEquals("the absolute tolerance of state 1 (absoluteTolerances[1]) must be positive and finite, got 0.0",
                e.getMessage());
    }

    /**
     * A chain of m states where only the last one moves: y_i' = 0 for i &lt; m−1, y_{m−1}' = cos t.
     * The RMS norm divides that one component's error by √m, so its error grows with m; MAX and
     * BOUNDED_RMS keep it near the tolerance whatever m is.
     */
    private static OdeProblem oneMovingComponent(int m) {
        String[] names = new String[m];
        double[] y0 = new double[m];
        for (int i = 0; i < m; i++) {
            names[i] = "y" + i;
        }
        return OdeProblem.builder().states(names).rhs((t, y, p) -> {
            Var[] f = new Var[m];
            for (int i = 0; i < m - 1; i++) {
                f[i] = y[i].constant(0);
            }
            f[m - 1] = t.cos();
            return f;
        }).initial(y0).build();
    }

    private static double lastComponentError(int m, Norm norm) {
        double tEnd = 20;
        SolverOptions o = SolverOptions.DEFAULT.withMethod(Method.BS3).withTolerances(1e-6, 1e-6).withNorm(norm);
        Solution s = Ode.solve(oneMovingComponent(m), new double[0], new double[] {tEnd}, o);
        return Math.abs(s.value(0, m - 1) - Math.sin(tEnd));
    }

    @Test
    void rmsNormDilutesOneComponentTheDefaultDoesNot() {
        double rmsSmall = lastComponentError(1, Norm.RMS);
        double rmsLarge = lastComponentError(400, Norm.RMS);
        double boundedLarge = lastComponentError(400, Norm.BOUNDED_RMS);
        double maxLarge = lastComponentError(400, Norm.MAX);
        System.out.printf("one moving component of 400: error RMS %.3g (of 1: %.3g), BOUNDED_RMS %.3g, MAX %.3g%n",
                rmsLarge, rmsSmall, boundedLarge, maxLarge);
        assertTrue(rmsLarge > 4 * rmsSmall, "RMS over 400 components lets the moving one drift: " + rmsLarge);
        assertTrue(boundedLarge < 1.5 * rmsSmall, "the default bounds it: " + boundedLarge);
        assertTrue(maxLarge <= 1.5 * rmsSmall, "MAX keeps it at the one-component accuracy: " + maxLarge);
        assertEquals(Norm.BOUNDED_RMS, SolverOptions.DEFAULT.norm());
    }

    /** On at most 16 components the default norm is the RMS norm: identical steps and values. */
    @Test
    void boundedRmsEqualsRmsOnSmallSystems() {
        double[] times = Problems.linspace(0, 20, 11);
        Solution a = Ode.solve(Problems.lotkaVolterra(), Problems.LV_PARAMS, times, SolverOptions.DEFAULT);
        Solution b = Ode.solve(Problems.lotkaVolterra(), Problems.LV_PARAMS, times,
                SolverOptions.DEFAULT.withNorm(Norm.RMS));
        assertEquals(b.statistics().steps(), a.statistics().steps());
        for (int k = 0; k < times.length; k++) {
            assertEquals(b.value(k, 0), a.value(k, 0), 0.0);
        }
    }

    @Test
    void badOptionsNameTheOption() {
        SolverOptions d = SolverOptions.DEFAULT;
        assertEquals("the relative tolerance (rtol, --rtol) must be positive and finite, got 0.0",
                assertThrows(OdeException.class, () -> d.withTolerances(0, 1e-6)).getMessage());
        assertEquals("the absolute tolerance (atol, --atol) must be positive and finite, got -1.0E-6",
                assertThrows(OdeException.class, () -> d.withTolerances(1e-6, -1e-6)).getMessage());
        assertEquals("the step budget (maxSteps, --max-steps) must be at least 1, got -5",
                assertThrows(OdeException.class, () -> d.withMaxSteps(-5)).getMessage());
        assertEquals("the maximum step (maxStep, --max-step) must be positive, got 0.0",
                assertThrows(OdeException.class, () -> d.withMaxStep(0)).getMessage());
        assertTrue(assertThrows(OdeException.class, () -> d.withInitialStep(Double.NaN)).getMessage()
                .startsWith("the initial step (initialStep)"));
    }

    /** A stiff method that runs out of steps is not told to use itself. */
    @Test
    void adviceNeverNamesTheMethodInUse() {
        for (Method m : Method.stiffMethods()) {
            OdeException e = assertThrows(OdeException.class, () -> Ode.solve(StiffTest.robertson(), StiffTest.RATES,
                    new double[] {1e4}, SolverOptions.DEFAULT.withMethod(m).withMaxSteps(5)));
            assertEquals(OdeException.Reason.TOO_MANY_STEPS, e.reason());
            assertFalse(e.getMessage().contains("--method " + m.id() + " ")
                    || e.getMessage().contains("--method " + m.id() + ")"), e.getMessage());
            assertTrue(e.getMessage().contains("looser tolerances (--rtol, --atol)"), e.getMessage());
            assertTrue(e.getMessage().contains("larger step budget (--max-steps"), e.getMessage());
            assertTrue(java.util.List.of("y1", "y2", "y3").contains(e.component()), e.getMessage());
            assertTrue(e.getMessage().contains("the largest error estimate was in " + e.component()), e.getMessage());
        }
    }
}
