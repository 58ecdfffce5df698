package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The discrete adjoint through RADAU5 ({@code RadauAdjoint}): on Robertson with log rate
 * constants it agrees with RADAU5's forward sensitivities to 1e-6 relative, and with central
 * differences of fixed-step solves; one step on a linear problem satisfies the dot-product
 * identity (the collocation system is linear there, so Newton's result is exact to rounding).
 */
class RadauAdjointTest {

    @Test
    void robertsonForwardAndDiscreteAdjointAgreeToOneInAMillion() {
        SolverOptions o = SolverOptions.DEFAULT.withMethod(Method.RADAU5).withTolerances(1e-10, 1e-14);
        LossGradient fwd = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA,
                RodasGradientTest.TIMES, RodasGradientTest.LOSS, SensitivityMethod.FORWARD, o);
        LossGradient adj = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA,
                RodasGradientTest.TIMES, RodasGradientTest.LOSS, SensitivityMethod.DISCRETE_ADJOINT, o);
        System.out.println("Robertson dL/dlog k by RADAU5: forward " + java.util.Arrays.toString(fwd.gradient())
                + " (" + fwd.statistics() + "); discrete adjoint " + java.util.Arrays.toString(adj.gradient())
                + " (" + adj.statistics() + ")");
        assertEquals(SensitivityMethod.DISCRETE_ADJOINT, adj.method());
        Problems.assertClose(fwd.gradient(), adj.gradient(), 1e-6, "forward vs discrete adjoint");
    }

    /**
     * Against central differences of RADAU5's own outputs (inside steps, so the dense output's
     * transpose is checked too). RADAU5 does not hold a fixed step (its controller and Newton
     * failures move it), so the step sequence is the adaptive one at rtol 1e-12, where it changes
     * with θ too little to show at 1e-6. Before Radau5 kept its state in checkpoints, the replay
     * took other steps than the forward pass and this adjoint was off by a third.
     */
    @Test
    void matchesCentralDifferencesOfTheComputedOutputs() {
        SolverOptions o = SolverOptions.DEFAULT.withMethod(Method.RADAU5).withTolerances(1e-12, 1e-16);
        double[] times = {0.13, 0.5, 1.0};
        LossGradient adj = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA, times,
                RodasGradientTest.LOSS, SensitivityMethod.DISCRETE_ADJOINT, o);
        double[] fd = Problems.centralDifference(th -> {
            double[][] y = Ode.solve(RodasGradientTest.logRobertson(), th, times, o).states();
            return RodasGradientTest.LOSS.evaluate(times, y, th, new double[y.length][3], new double[3]);
        }, RodasGradientTest.THETA, 1e-6);
        System.out.println("RADAU5 fd " + java.util.Arrays.toString(fd) + " adjoint "
                + java.util.Arrays.toString(adj.gradient()) + " (" + adj.statistics() + ")");
        Problems.assertClose(fd, adj.gradient(), 1e-6, "central differences vs discrete adjoint");
    }

    /**
     * Replays retrace the forward pass: with one checkpoint per step (budget 1 forces the most
     * replays) and with the default budget the gradients are equal to the last bit.
     */
    @Test
    void replayFromCheckpointsIsBitIdentical() {
        SolverOptions o = SolverOptions.DEFAULT.withMethod(Method.RADAU5).withTolerances(1e-8, 1e-12);
        LossGradient many = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA,
                RodasGradientTest.TIMES, RodasGradientTest.LOSS, SensitivityMethod.DISCRETE_ADJOINT, o);
        LossGradient few = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA,
                RodasGradientTest.TIMES, RodasGradientTest.LOSS, SensitivityMethod.DISCRETE_ADJOINT,
                o.withMaxCheckpoints(2));
        org.junit.jupiter.api.Assertions.assertArrayEquals(many.gradient(), few.gradient());
    }
}
