package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/** Failures are explicit: the reason, the time, the step and the first non-finite component. */
class FailureTest {
    /** y' = y², y(0) = 1: y = 1/(1 − t) blows up at t = 1. */
    private static OdeProblem blowUp() {
        return OdeProblem.builder().states("y").rhs((t, y, p) -> new Var[] {y[0].square()}).initial(1).build();
    }

    /** a' = −1, b' = √a with a(0) = 1: a turns negative at t = 1 and √a is NaN. */
    private static OdeProblem sqrtOfNegative() {
        return OdeProblem.builder().states("a", "b")
                .rhs((t, y, p) -> new Var[] {y[0].constant(-1), y[0].sqrt()}).initial(1, 0).build();
    }

    @Test
    void blowUpIsReportedAtTheSingularity() {
        OdeException e = assertThrows(OdeException.class, () -> Ode.solve(blowUp(), new double[0], new double[] {2}));
        assertTrue(e.reason() == OdeException.Reason.STEP_SIZE_UNDERFLOW
                || e.reason() == OdeException.Reason.NON_FINITE_STATE, e.reason().toString());
        assertEquals(1.0, e.time(), 1e-3, e.getMessage());
        assertTrue(e.stepSize() > 0 && e.stepSize() < 1e-3, e.getMessage());
        assertTrue(e.getMessage().contains("t = "), e.getMessage());
    }

    @Test
    void stepBudget() {
        OdeException e = assertThrows(OdeException.class, () -> Ode.solve(Problems.lotkaVolterra(), Problems.LV_PARAMS,
                new double[] {20}, SolverOptions.DEFAULT.withMaxSteps(10)));
        assertEquals(OdeException.Reason.TOO_MANY_STEPS, e.reason());
        assertTrue(e.time() > 0 && e.time() < 20);
        assertTrue(e.stepSize() > 0);
        assertTrue(e.getMessage().contains("10 step attempts"), e.getMessage());
    }

    /** Six significant digits, as the messages print times and steps. */
    private static String g(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }

    /** The whole text of each failure of the step loop, from the time and step the exception carries. */
    @Test
    void stepBudgetMessageInFull() {
        OdeException e = assertThrows(OdeException.class, () -> Ode.solve(Problems.lotkaVolterra(), Problems.LV_PARAMS,
                new double[] {20}, SolverOptions.DEFAULT.withMethod(Method.DOPRI5).withMaxSteps(10)));
        String head = "too many steps: the budget of 10 step attempts was used up at t = " + g(e.time()) + " (step size "
                + g(e.stepSize()) + ") before reaching t = 20.0000; the largest error estimate was in "
                + e.component() + "; the problem may be stiff (use a method for stiff problems: ";
        assertTrue(e.getMessage().startsWith(head), e.getMessage());
        assertTrue(e.getMessage().endsWith(" in Java) or needs a larger step budget (--max-steps,"
                + " SolverOptions.withMaxSteps; now 10)"), e.getMessage());
        assertTrue(java.util.List.of("hare", "lynx").contains(e.component()), e.getMessage());
        for (Method m : Method.stiffMethods()) {
            assertTrue(e.getMessage().contains("--method " + m.id()) && e.getMessage().contains("Method." + m.name()),
                    e.getMessage());
        }
    }

    /** y' = y² (no non-finite trial on the way): the step shrinks to the resolution of t at the singularity t = 1. */
    @Test
    void stepSizeUnderflowMessageInFull() {
        OdeException e = assertThrows(OdeException.class, () -> Ode.solve(blowUp(), new double[0], new double[] {2}));
        assertEquals(OdeException.Reason.STEP_SIZE_UNDERFLOW, e.reason());
        assertEquals("step size underflow at t = " + g(e.time()) + ": the error control asks for a step of "
                + g(e.stepSize()) + ", below the resolution of t; the solution probably blows up or is discontinuous near"
                + " t = " + g(e.time()), e.getMessage());
        assertEquals(null, e.component());
    }

    /** √a with a crossing 0 at t = 1: the steps rejected for a NaN shrink to underflow, and the message names b. */
    @Test
    void stepSizeUnderflowNamesWhatTheLastRejectedStepMadeNonFinite() {
        OdeException e = assertThrows(OdeException.class, () -> Ode.solve(sqrtOfNegative(), new double[0],
                new double[] {2}));
        assertEquals(OdeException.Reason.STEP_SIZE_UNDERFLOW, e.reason());
        assertEquals("step size underflow at t = " + g(e.time()) + ": the error control asks for a step of "
                + g(e.stepSize()) + ", below the resolution of t; the solution probably blows up or is discontinuous near"
                + " t = " + g(e.time()) + " (the last rejected trial step made b non-finite)", e.getMessage());
    }

    /**
     * v' = √(1e-300 − t) is NaN for every t &gt; 1e-300, so every trial step from t = 0 fails: the
     * first is the automatic 1e-6 (y₀ = 0), each rejection cuts it by the controller's smallest
     * factor 0.2, and after 10 reductions, at a step of 1e-6·0.2¹⁰ = 1.024e-13, the solve gives up
     * naming v.
     */
    @Test
    void tenNonFiniteTrialsInARowEndTheSolve() {
        OdeProblem cliff = OdeProblem.builder().states("u", "v")
                .rhs((t, y, p) -> new Var[] {y[0].constant(1), t.neg().add(1e-300).sqrt()}).initial(0, 0).build();
        OdeException e = assertThrows(OdeException.class, () -> Ode.solve(cliff, new double[0], new double[] {1}));
        assertEquals(OdeException.Reason.NON_FINITE_STATE, e.reason());
        assertEquals("v", e.component());
        assertEquals(0.0, e.time());
        assertEquals(1.024e-13, e.stepSize(), 1e-25);
        assertEquals("non-finite v = NaN in the step from t = 0.0 with step " + e.stepSize() + " (after 10 step reductions)",
                e.getMessage());
    }

    @Test
    void nonFiniteStateNamesTheComponentWithFixedSteps() {
        OdeException e = assertThrows(OdeException.class, () -> Ode.solve(sqrtOfNegative(), new double[0],
                new double[] {2}, SolverOptions.DEFAULT.withMethod(Method.RK4).withStep(0.3)));
        assertEquals(OdeException.Reason.NON_FINITE_STATE, e.reason());
        assertEquals("b", e.component());
        assertEquals(0.9, e.time(), 1e-12, "the step from 0.9 crosses a = 0");
        assertEquals(0.3, e.stepSize(), 1e-12);
        assertTrue(e.getMessage().contains("non-finite b = NaN"), e.getMessage());
    }

    @Test
    void nonFiniteStateNamesTheComponentWithAdaptiveSteps() {
        OdeException e = assertThrows(OdeException.class, () -> Ode.solve(sqrtOfNegative(), new double[0],
                new double[] {2}));
        assertEquals("b", e.component(), e.getMessage());
        assertEquals(1.0, e.time(), 1e-3, e.getMessage());
    }

    @Test
    void nonFiniteSensitivityIsNamed() {
        // f = −√k · y at k = 0: the state is fine (y' = 0) but ∂f/∂k = −y/(2√k) is infinite
        OdeProblem p = OdeProblem.builder().states("y").parameters("k")
                .rhs((t, y, q) -> new Var[] {q[0].sqrt().mul(y[0]).neg()}).initial(1).build();
        OdeException e = assertThrows(OdeException.class, () -> Ode.forwardSensitivities(p, new double[] {0},
                new double[] {1}, SolverOptions.DEFAULT));
        assertEquals(OdeException.Reason.NON_FINITE_SENSITIVITY, e.reason(), e.getMessage());
        assertEquals("d y/d k", e.component());
        assertEquals(0.0, e.time());
        OdeException rk = assertThrows(OdeException.class, () -> Ode.forwardSensitivities(p, new double[] {0},
                new double[] {1}, SolverOptions.DEFAULT.withMethod(Method.RK4)));
        assertEquals("d y/d k", rk.component());
    }

    @Test
    void nonFiniteInitialStateIsNamed() {
        OdeProblem p = OdeProblem.builder().states("x", "z").parameters("c")
                .rhs((t, y, q) -> new Var[] {y[1], y[0]}).initial(q -> new Var[] {q[0], q[0].log()}).build();
        OdeException e = assertThrows(OdeException.class, () -> Ode.solve(p, new double[] {-1}, new double[] {1}));
        assertEquals(OdeException.Reason.NON_FINITE_STATE, e.reason());
        assertEquals("z", e.component());
    }

    @Test
    void nonFiniteLossIsReported() {
        TrajectoryLoss bad = (times, states, params, dStates, dParams) -> Math.log(-states[0][0]);
        OdeException e = assertThrows(OdeException.class, () -> Ode.gradient(Problems.lotkaVolterra(),
                Problems.LV_PARAMS, new double[] {1}, bad));
        assertTrue(e.getMessage().contains("loss is NaN"), e.getMessage());
    }

    @Test
    void invalidInputIsReportedWithNames() {
        OdeProblem lv = Problems.lotkaVolterra();
        double[] p = Problems.LV_PARAMS;
        assertMessage(() -> Ode.solve(lv, new double[] {1, 2}, new double[] {1}), "4 parameters [alpha, beta, gamma, delta]");
        assertMessage(() -> Ode.solve(lv, new double[] {0.5, Double.NaN, 1, 1}, new double[] {1}), "parameter 'beta' is NaN");
        assertMessage(() -> Ode.solve(lv, p, new double[] {1, 3, 2}), "non-decreasing");
        assertMessage(() -> Ode.solve(lv, p, new double[] {-1}), "before the start time");
        assertMessage(() -> Ode.solve(lv, p, new double[0]), "at least one output time");
        assertMessage(() -> Ode.solve(lv, p, new double[] {Double.POSITIVE_INFINITY}), "output time 0 is Infinity");
        assertMessage(() -> Ode.gradient(lv, p, new double[] {1}, null), "loss is null");
        assertMessage(() -> SolverOptions.DEFAULT.withTolerances(-1, 1e-6), "relative tolerance (rtol, --rtol)");
        assertMessage(() -> SolverOptions.DEFAULT.withMaxCheckpoints(1), "at least 2 checkpoints");
        OdeException e = assertThrows(OdeException.class, () -> Ode.solve(lv, new double[] {1}, new double[] {1}));
        assertEquals(OdeException.Reason.INVALID_INPUT, e.reason());
        assertTrue(Double.isNaN(e.time()));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable x, String fragment) {
        OdeException e = assertThrows(OdeException.class, x);
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should mention '" + fragment + "'");
    }
}
