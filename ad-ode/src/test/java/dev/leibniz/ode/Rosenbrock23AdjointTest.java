package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The discrete adjoint through the order-2 Rosenbrock method ({@code Rosenbrock23Adjoint}): on
 * Robertson's problem with its three log rate constants it agrees with forward sensitivities,
 * and with a frozen step sequence it is the exact derivative of the computed outputs (central
 * differences of the solver itself).
 */
class Rosenbrock23AdjointTest {

    @Test
    void robertsonForwardAndDiscreteAdjointAgreeToOneInAMillion() {
        SolverOptions o = SolverOptions.DEFAULT.withMethod(Method.ROSENBROCK).withTolerances(1e-10, 1e-14);
        LossGradient fwd = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA,
                RodasGradientTest.TIMES, RodasGradientTest.LOSS, SensitivityMethod.FORWARD, o);
        LossGradient adj = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA,
                RodasGradientTest.TIMES, RodasGradientTest.LOSS, SensitivityMethod.DISCRETE_ADJOINT, o);
        System.out.println("Robertson dL/dlog k by rosenbrock: forward " + java.util.Arrays.toString(fwd.gradient())
                + " (" + fwd.statistics() + "); discrete adjoint " + java.util.Arrays.toString(adj.gradient())
                + " (" + adj.statistics() + ")");
        assertEquals(SensitivityMethod.DISCRETE_ADJOINT, adj.method());
        Problems.assertClose(fwd.gradient(), adj.gradient(), 1e-6, "forward vs discrete adjoint");
    }

    /**
     * Every step 1e-3 (initial step = maximum step, loose tolerances): central differences of the
     * computed outputs (step 1e-6 in log k) match the adjoint to their own truncation error; the
     * outputs fall inside steps (dense output) and on a step's end.
     */
    @Test
    void fixedStepsMatchCentralDifferencesOfTheComputedOutputs() {
        SolverOptions o = SolverOptions.DEFAULT.withMethod(Method.ROSENBROCK).withTolerances(1e-3, 1e-3)
                .withInitialStep(1e-3).withMaxStep(1e-3);
        double[] times = {0.1305, 0.5, 1.0};
        LossGradient adj = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA, times,
                RodasGradientTest.LOSS, SensitivityMethod.DISCRETE_ADJOINT, o);
        double[] fd = Problems.centralDifference(th -> {
            double[][] y = Ode.solve(RodasGradientTest.logRobertson(), th, times, o).states();
            return RodasGradientTest.LOSS.evaluate(times, y, th, new double[y.length][3], new double[3]);
        }, RodasGradientTest.THETA, 1e-6);
        System.out.println("rosenbrock fd " + java.util.Arrays.toString(fd) + " adjoint "
                + java.util.Arrays.toString(adj.gradient()) + " " + adj.statistics());
        assertEquals(1000, adj.statistics().steps(), "the step sequence is frozen");
        assertEquals(0, adj.statistics().rejectedSteps());
        Problems.assertClose(fd, adj.gradient(), 1e-7, "central differences vs discrete adjoint");
    }
}
