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

    /** A stiff linear system y' = A y with a non-normal A (eigenvalues −1, −1e3, −1e6). */
    private static final double[][] A = {{-1, 1e3, 0}, {0, -1e3, 1e6}, {0, 0, -1e6}};

    private static OdeProblem linear(double[] y0) {
        return OdeProblem.builder().states("a", "b", "c").rhs((t, y, q) -> {
            dev.leibniz.core.Var[] out = new dev.leibniz.core.Var[3];
            for (int i = 0; i < 3; i++) {
                dev.leibniz.core.Var acc = y[0].mul(A[i][0]);
                for (int j = 1; j < 3; j++) {
                    acc = acc.add(y[j].mul(A[i][j]));
                }
                out[i] = acc;
            }
            return out;
        }).initial(y0).build();
    }

    /**
     * The dot-product identity for one step: on a linear problem one Rosenbrock step is a linear
     * map y₁ = Φ y₀ (for the fixed step h = 0.01, hγ‖A‖ ≈ 2e3), so Φ v is itself a solve from v, and
     * the adjoint's ȳ₀ for the loss ⟨u, y₁⟩ is Φᵀ u: ⟨u, Φ v⟩ = ⟨Φᵀ u, v⟩ to rounding.
     */
    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"RODAS5P", "RODAS4"})
    void oneStepSatisfiesTheDotProductIdentity(Method m) {
        double h = 0.01;
        SolverOptions o = SolverOptions.DEFAULT.withMethod(m).withTolerances(1, 1).withInitialStep(h).withMaxStep(h);
        double[] u = {0.3, -1.7, 2.2};
        double[] v = {1.1, 0.4, -0.9};
        double[] y0 = {0.5, -0.25, 1.5};
        TrajectoryLoss dot = (times, states, params, dStates, dParams) -> {
            dStates[0] = u.clone();
            return u[0] * states[0][0] + u[1] * states[0][1] + u[2] * states[0][2];
        };
        LossGradient g = Ode.gradient(linear(y0), new double[0], new double[] {h}, dot,
                SensitivityMethod.DISCRETE_ADJOINT, o);
        assertEquals(1, g.statistics().steps());
        double[] phiV = Ode.solve(linear(v), new double[0], new double[] {h}, o).states()[0];
        double lhs = u[0] * phiV[0] + u[1] * phiV[1] + u[2] * phiV[2];
        double[] phiTu = g.initialStateGradient();
        double rhs = phiTu[0] * v[0] + phiTu[1] * v[1] + phiTu[2] * v[2];
        assertEquals(lhs, rhs, 1e-12 * (Math.abs(lhs) + 1), "<u, Phi v> vs <Phi^T u, v>");
    }

    /**
     * A non-autonomous, nonlinear problem, which exercises the h·d_i·∂f/∂t terms and the second-order
     * terms in t: y₁' = −e^{θ₀} y₁² y₂ + θ₁ sin(3t), y₂' = −1e3 (y₂ − cos t) − y₁, fixed steps of 0.01,
     * outputs inside steps; the discrete adjoint against central differences of the computed outputs.
     */
    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"RODAS5P", "RODAS4"})
    void timeDependentProblemMatchesCentralDifferences(Method m) {
        OdeProblem p = OdeProblem.builder().states("y1", "y2").parameters("th0", "th1").rhs((t, y, q) ->
                new dev.leibniz.core.Var[] {
                    q[0].exp().mul(y[0].square()).mul(y[1]).neg().add(q[1].mul(t.mul(3).sin())),
                    y[1].sub(t.cos()).mul(-1e3).sub(y[0])}).initial(1, 1).build();
        double[] theta = {Math.log(0.7), 0.5};
        double[] times = {0.123, 0.5, 0.777};
        SolverOptions o = SolverOptions.DEFAULT.withMethod(m).withTolerances(1, 1).withInitialStep(0.01)
                .withMaxStep(0.01);
        TrajectoryLoss loss = (ts, states, params, dStates, dParams) -> {
            double l = 0;
            for (int k = 0; k < ts.length; k++) {
                l += states[k][0] * states[k][0] + 3 * states[k][1];
                dStates[k][0] = 2 * states[k][0];
                dStates[k][1] = 3;
            }
            return l;
        };
        LossGradient adj = Ode.gradient(p, theta, times, loss, SensitivityMethod.DISCRETE_ADJOINT, o);
        double[] fd = Problems.centralDifference(th -> {
            double[][] y = Ode.solve(p, th, times, o).states();
            return loss.evaluate(times, y, th, new double[y.length][2], new double[2]);
        }, theta, 1e-6);
        Problems.assertClose(fd, adj.gradient(), 1e-7, "central differences vs discrete adjoint");
    }
}
