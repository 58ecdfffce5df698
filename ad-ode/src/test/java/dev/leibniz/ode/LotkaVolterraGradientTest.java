package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * The common case: Lotka–Volterra (α, β, γ, δ = 0.55, 0.028, 0.80, 0.024, y₀ = (33, 6.2),
 * t ∈ [0, 20]) with a sum-of-squares loss against synthetic data. All three sensitivity methods
 * agree with each other and with central finite differences of the loss.
 */
class LotkaVolterraGradientTest {
    private static final double[] TIMES = Problems.linspace(0, 20, 21);
    private static final TrajectoryLoss LOSS = TrajectoryLoss.sumOfSquares(Problems.lvData(TIMES));
    private static final SolverOptions OPTIONS = SolverOptions.DEFAULT.withTolerances(1e-9, 1e-9);

    private static double loss(OdeProblem problem, double[] p) {
        Solution s = Ode.solve(problem, p, TIMES, SolverOptions.DEFAULT.withTolerances(1e-12, 1e-12));
        double[][] d = new double[TIMES.length][2];
        return LOSS.evaluate(TIMES, s.states(), p, d, new double[p.length]);
    }

    @Test
    void threeMethodsAgreeWithEachOtherAndWithFiniteDifferences() {
        OdeProblem lv = Problems.lotkaVolterra();
        double[] p = Problems.LV_PARAMS;
        double[] fd = Problems.centralDifference(q -> loss(lv, q), p, 1e-5);
        LossGradient fwd = Ode.gradient(lv, p, TIMES, LOSS, SensitivityMethod.FORWARD, OPTIONS);
        LossGradient dis = Ode.gradient(lv, p, TIMES, LOSS, SensitivityMethod.DISCRETE_ADJOINT, OPTIONS);
        LossGradient con = Ode.gradient(lv, p, TIMES, LOSS, SensitivityMethod.CONTINUOUS_ADJOINT, OPTIONS);
        // rtol 1e-9 on the solution: gradients agree to ~1e-9 relative; 1e-6 leaves room for error growth over 20 time units
        Problems.assertClose(fd, fwd.gradient(), 1e-6, "forward vs finite differences");
        Problems.assertClose(fd, dis.gradient(), 1e-6, "discrete adjoint vs finite differences");
        Problems.assertClose(fd, con.gradient(), 1e-6, "continuous adjoint vs finite differences");
        Problems.assertClose(fwd.initialStateGradient(), dis.initialStateGradient(), 1e-6, "dL/dy0 forward vs discrete");
        Problems.assertClose(fwd.initialStateGradient(), con.initialStateGradient(), 1e-6, "dL/dy0 forward vs continuous");
        assertEquals(loss(lv, p), dis.value(), 1e-6 * dis.value());
        double[] fdY0 = Problems.centralDifference(y0 -> loss(withInitial(y0), p), Problems.LV_Y0, 1e-5);
        Problems.assertClose(fdY0, dis.initialStateGradient(), 1e-6, "dL/dy0 vs finite differences");
    }

    private static OdeProblem withInitial(double[] y0) {
        return OdeProblem.of(Problems.lotkaVolterra().rhs(), new String[] {"hare", "lynx"},
                new String[] {"alpha", "beta", "gamma", "delta"}, 0.0, y0);
    }

    @Test
    void fittedInitialPopulationsAreFoldedIntoTheParameterGradient() {
        OdeProblem lv6 = OdeProblem.builder().states("hare", "lynx")
                .parameters("alpha", "beta", "gamma", "delta", "hare0", "lynx0")
                .rhs((t, y, p) -> new Var[] {
                    y[0].mul(p[0]).sub(p[1].mul(y[0]).mul(y[1])),
                    p[3].mul(y[0]).mul(y[1]).sub(p[2].mul(y[1]))})
                .initial(p -> new Var[] {p[4], p[5]})
                .build();
        double[] p = {0.55, 0.028, 0.80, 0.024, 33, 6.2};
        double[] fd = Problems.centralDifference(q -> loss(lv6, q), p, 1e-5);
        for (SensitivityMethod m : SensitivityMethod.values()) {
            LossGradient g = Ode.gradient(lv6, p, TIMES, LOSS, m, OPTIONS);
            Problems.assertClose(fd, g.gradient(), 1e-6, m.name());
            assertEquals(g.gradient(4), g.initialStateGradient()[0], 1e-9 * Math.abs(g.gradient(4)));
        }
        assertEquals(SensitivityMethod.DISCRETE_ADJOINT, Ode.gradient(lv6, p, TIMES, LOSS).method(),
                "AUTO picks the discrete adjoint, the cheaper at p + n = 8 too");
    }

    @Test
    void lossDependingOnParametersDirectly() {
        // L = Σ (y − data)² + 100 α²: the direct term is added to the chained one
        TrajectoryLoss reg = (times, states, params, dStates, dParams) -> {
            double v = LOSS.evaluate(times, states, params, dStates, dParams);
            dParams[0] += 200 * params[0];
            return v + 100 * params[0] * params[0];
        };
        double[] p = Problems.LV_PARAMS;
        LossGradient plain = Ode.gradient(Problems.lotkaVolterra(), p, TIMES, LOSS, SensitivityMethod.DISCRETE_ADJOINT,
                OPTIONS);
        for (SensitivityMethod m : new SensitivityMethod[] {SensitivityMethod.FORWARD, SensitivityMethod.DISCRETE_ADJOINT,
            SensitivityMethod.CONTINUOUS_ADJOINT}) {
            LossGradient g = Ode.gradient(Problems.lotkaVolterra(), p, TIMES, reg, m, OPTIONS);
            assertEquals(plain.gradient(0) + 200 * p[0], g.gradient(0), 1e-6 * Math.abs(g.gradient(0)), m.name());
        }
    }

    @Test
    void fixedStepDiscreteAdjointIsTheExactGradientOfTheComputedSolution() {
        // with fixed RK4 steps the computed loss is a smooth function of p with no step-size
        // selection: its central differences match the discrete adjoint to rounding level
        SolverOptions rk4 = SolverOptions.DEFAULT.withMethod(Method.RK4).withStep(0.05);
        double[] p = Problems.LV_PARAMS;
        double[] fd = Problems.centralDifference(q -> {
            Solution s = Ode.solve(Problems.lotkaVolterra(), q, TIMES, rk4);
            return LOSS.evaluate(TIMES, s.states(), q, new double[TIMES.length][2], new double[4]);
        }, p, 1e-6);
        LossGradient g = Ode.gradient(Problems.lotkaVolterra(), p, TIMES, LOSS, SensitivityMethod.DISCRETE_ADJOINT, rk4);
        Problems.assertClose(fd, g.gradient(), 1e-7, "RK4 discrete adjoint vs differences of the RK4 solution");
    }

    @Test
    void fixedStepMethodsAgreeAcrossSensitivityMethods() {
        // RK4 with h = 0.01: the continuous adjoint interpolates the forward solution by cubic
        // Hermite; all three agree with differences of an accurate solution to the RK4 accuracy
        SolverOptions rk4 = SolverOptions.DEFAULT.withMethod(Method.RK4).withStep(0.01);
        double[] fd = Problems.centralDifference(q -> loss(Problems.lotkaVolterra(), q), Problems.LV_PARAMS, 1e-5);
        for (SensitivityMethod m : new SensitivityMethod[] {SensitivityMethod.FORWARD, SensitivityMethod.DISCRETE_ADJOINT,
            SensitivityMethod.CONTINUOUS_ADJOINT}) {
            LossGradient g = Ode.gradient(Problems.lotkaVolterra(), Problems.LV_PARAMS, TIMES, LOSS, m, rk4);
            Problems.assertClose(fd, g.gradient(), 1e-5, "RK4 " + m);
        }
    }
}
