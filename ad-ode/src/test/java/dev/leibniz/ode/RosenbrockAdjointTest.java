package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The discrete adjoint through the Rodas methods ({@code RosenbrockAdjoint}): the gradient of a
 * loss on Robertson's problem with respect to its three log rate constants agrees with forward
 * sensitivities to 1e-6 relative (issue 15, acceptance item 5) and with central differences of
 * the solver run with the same step sequence (fixed steps, where the discrete adjoint is the exact
 * derivative of the computed numbers).
 */
class RosenbrockAdjointTest {

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"RODAS5P", "RODAS4"})
    void robertsonForwardAndDiscreteAdjointAgreeToOneInAMillion(Method m) {
        SolverOptions o = SolverOptions.DEFAULT.withMethod(m).withTolerances(1e-10, 1e-14);
        LossGradient fwd = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA,
                RodasGradientTest.TIMES, RodasGradientTest.LOSS, SensitivityMethod.FORWARD, o);
        LossGradient adj = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA,
                RodasGradientTest.TIMES, RodasGradientTest.LOSS, SensitivityMethod.DISCRETE_ADJOINT, o);
        System.out.println("Robertson dL/dlog k by " + m + ": forward " + java.util.Arrays.toString(fwd.gradient())
                + " (" + fwd.statistics() + "); discrete adjoint " + java.util.Arrays.toString(adj.gradient())
                + " (" + adj.statistics() + ")");
        assertEquals(SensitivityMethod.DISCRETE_ADJOINT, adj.method());
        Problems.assertClose(fwd.gradient(), adj.gradient(), 1e-6, "forward vs discrete adjoint");
    }

    /**
     * With a fixed step sequence the discrete adjoint is the exact gradient of the computed
     * outputs, so central differences of those outputs (step 1e-6 in log k) match it to their own
     * truncation error (measured 2e-9 to 1.2e-8 relative; asserted 1e-7, which forward sensitivities,
     * the derivative of a different discretization, miss by up to 1e-7); outputs fall inside
     * steps, so the dense output's transpose is checked too.
     */
    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"RODAS5P", "RODAS4"})
    void fixedStepsMatchCentralDifferencesOfTheComputedOutputs(Method m) {
        // initial step = maximum step, well inside the tolerance: every step is 1e-3, for every θ
        SolverOptions o = SolverOptions.DEFAULT.withMethod(m).withTolerances(1e-3, 1e-3).withInitialStep(1e-3)
                .withMaxStep(1e-3);
        double[] times = {0.13, 0.5, 1.0};
        LossGradient adj = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA, times,
                RodasGradientTest.LOSS, SensitivityMethod.DISCRETE_ADJOINT, o);
        LossGradient fwd = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA, times,
                RodasGradientTest.LOSS, SensitivityMethod.FORWARD, o);
        double[] fd = Problems.centralDifference(th -> {
            double[][] y = Ode.solve(RodasGradientTest.logRobertson(), th, times, o).states();
            return RodasGradientTest.LOSS.evaluate(times, y, th, new double[y.length][3], new double[3]);
        }, RodasGradientTest.THETA, 1e-6);
        System.out.println(m + " fd " + java.util.Arrays.toString(fd) + " adjoint "
                + java.util.Arrays.toString(adj.gradient()) + " forward " + java.util.Arrays.toString(fwd.gradient()));
        assertEquals(1000, adj.statistics().steps(), "the step sequence is frozen");
        assertEquals(0, adj.statistics().rejectedSteps());
        Problems.assertClose(fd, adj.gradient(), 1e-7, "central differences vs discrete adjoint");
    }
}
