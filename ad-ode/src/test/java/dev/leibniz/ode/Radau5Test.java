package dev.leibniz.ode;

import dev.leibniz.ode.testset.StiffTestSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * RADAU5 ({@link Method#RADAU5}) against closed forms, central differences and its own
 * bookkeeping. The stiff test set runs in {@link StiffTestSetTest}.
 */
class Radau5Test {

    /**
     * Prothero–Robinson, y' = −λ(y − cos t) − sin t with λ = 1e6, y(0) = 1: the solution is cos t
     * for every λ, and the problem is as stiff as λ. Checked at ten output times the steps land on
     * (an order-3 interpolant over steps of 0.5 is not 1e-8 accurate, for Rodas5P neither).
     */
    @Test
    void protheroRobinsonFollowsTheCosineWithLongSteps() {
        OdeProblem p = OdeProblem.builder().states("y").rhs((t, y, q) -> new Var[] {
            y[0].sub(t.cos()).mul(-1e6).sub(t.sin())}).initial(1).build();
        int steps = 0;
        for (int k = 1; k <= 10; k++) {
            Solution s = Ode.solve(p, new double[0], new double[] {k},
                    SolverOptions.DEFAULT.withMethod(Method.RADAU5).withTolerances(1e-8, 1e-10));
            assertEquals(Math.cos(k), s.value(0, 0), 1e-8, "t = " + k);
            steps = s.statistics().steps();
        }
        assertTrue(steps < 200, "stiffness does not limit the step: " + steps);
    }

    /** Harmonic oscillator: the dense output between steps agrees with (cos t, −sin t). */
    @Test
    void denseOutputOfTheCollocationPolynomial() {
        OdeProblem p = OdeProblem.builder().states("x", "v").rhs((t, y, q) -> new Var[] {y[1], y[0].neg()})
                .initial(1, 0).build();
        double[] times = new double[200];
        for (int k = 0; k < times.length; k++) {
            times[k] = 20.0 * (k + 1) / times.length;
        }
        Solution s = Ode.solve(p, new double[0], times,
                SolverOptions.DEFAULT.withMethod(Method.RADAU5).withTolerances(1e-9, 1e-12));
        for (int k = 0; k < times.length; k++) {
            assertEquals(Math.cos(times[k]), s.value(k, 0), 1e-7, "x at t = " + times[k]);
            assertEquals(-Math.sin(times[k]), s.value(k, 1), 1e-7, "v at t = " + times[k]);
        }
    }

    /**
     * Forward sensitivities of Robertson's problem through RADAU5 (the variational equations ride
     * the same Newton iteration) match central differences of the solver itself.
     */
    @Test
    void forwardSensitivitiesOnRobertsonMatchCentralDifferences() {
        SolverOptions o = SolverOptions.DEFAULT.withMethod(Method.RADAU5).withTolerances(1e-10, 1e-14);
        LossGradient fwd = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA,
                RodasGradientTest.TIMES, RodasGradientTest.LOSS, SensitivityMethod.FORWARD, o);
        double[] fd = Problems.centralDifference(th -> {
            double[][] y = Ode.solve(RodasGradientTest.logRobertson(), th, RodasGradientTest.TIMES,
                    o.withTolerances(1e-12, 1e-16)).states();
            double[][] d = new double[y.length][3];
            return RodasGradientTest.LOSS.evaluate(RodasGradientTest.TIMES, y, th, d, new double[3]);
        }, RodasGradientTest.THETA, 1e-5);
        System.out.println("Robertson d L / d log k by RADAU5 forward: " + java.util.Arrays.toString(fwd.gradient())
                + " (" + fwd.statistics() + "); central differences " + java.util.Arrays.toString(fd));
        Problems.assertClose(fd, fwd.gradient(), 1e-5, "forward vs central differences");
        // and the same gradient as Rodas5P's forward sensitivities
        LossGradient rodas = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA,
                RodasGradientTest.TIMES, RodasGradientTest.LOSS, SensitivityMethod.FORWARD,
                o.withMethod(Method.RODAS5P));
        Problems.assertClose(rodas.gradient(), fwd.gradient(), 1e-5, "radau5 vs rodas5p");
    }

    /**
     * The continuous adjoint is refused with a message naming the method and what to use instead
     * (the discrete adjoint runs: {@link RadauAdjointTest}).
     */
    @Test
    void continuousAdjointIsRefusedByName() {
        SolverOptions o = SolverOptions.DEFAULT.withMethod(Method.RADAU5);
        OdeException e = assertThrows(OdeException.class, () -> Ode.gradient(RodasGradientTest.logRobertson(),
                RodasGradientTest.THETA, RodasGradientTest.TIMES, RodasGradientTest.LOSS,
                SensitivityMethod.CONTINUOUS_ADJOINT, o));
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("radau5")
                && e.getMessage().contains("DISCRETE_ADJOINT") && e.getMessage().contains("FORWARD"), e.getMessage());
        assertEquals(SensitivityMethod.DISCRETE_ADJOINT, Ode.choose(new Setup(RodasGradientTest.logRobertson(),
                RodasGradientTest.THETA, RodasGradientTest.TIMES, o)), "AUTO picks the discrete adjoint");
    }

    /**
     * Jacobian and LU reuse: on HIRES (8 states, t up to 321.8) RADAU5 evaluates J in fewer than
     * two thirds of its steps and factors in fewer than its step attempts, while a Rosenbrock
     * method needs both in every attempt.
     */
    @Test
    void reusesJacobianAndFactorizations() {
        StiffTestSet p = StiffTestSet.hires();
        Statistics st = StiffTestSetTest.solve(p, Method.RADAU5, 1e-6).statistics();
        int attempts = st.steps() + st.rejectedSteps();
        assertTrue(3 * st.jacobianEvaluations() < 2 * st.steps(), st.toString());
        assertTrue(st.factorizations() < attempts, st.toString());
    }
}
