package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Var;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sensitivities of every method against closed forms. */
class SensitivityClosedFormTest {
    private static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-10, 1e-12);

    /** L = y(T) of its single state. */
    private static TrajectoryLoss lastValue(int state) {
        return (times, states, params, dStates, dParams) -> {
            dStates[states.length - 1][state] = 1.0;
            return states[states.length - 1][state];
        };
    }

    @ParameterizedTest
    @EnumSource(value = SensitivityMethod.class, names = {"FORWARD", "DISCRETE_ADJOINT", "CONTINUOUS_ADJOINT"})
    void exponentialDecay(SensitivityMethod method) {
        double k = 0.7;
        double y0 = 2.0;
        double T = 3.0;
        LossGradient g = Ode.gradient(Problems.decay(), new double[] {k, y0}, new double[] {1.0, T}, lastValue(0),
                method, TIGHT);
        double e = Math.exp(-k * T);
        assertEquals(y0 * e, g.value(), 1e-10);
        assertEquals(-T * y0 * e, g.gradient("k"), 1e-8, "dy(T)/dk = -T y0 exp(-kT)");
        assertEquals(e, g.gradient("y0"), 1e-8, "through the parameterized initial state");
        assertEquals(e, g.initialStateGradient()[0], 1e-8);
        assertEquals(method, g.method());
    }

    @ParameterizedTest
    @EnumSource(value = SensitivityMethod.class, names = {"FORWARD", "DISCRETE_ADJOINT", "CONTINUOUS_ADJOINT"})
    void harmonicOscillator(SensitivityMethod method) {
        OdeProblem osc = OdeProblem.builder().states("x", "v").parameters("omega")
                .rhs((t, y, p) -> new Var[] {y[1], p[0].square().mul(y[0]).neg()})
                .initial(1.5, -0.4).build();
        double w = 1.3;
        double T = 4.0;
        double x0 = 1.5;
        double v0 = -0.4;
        LossGradient g = Ode.gradient(osc, new double[] {w}, new double[] {0.5, 2.0, T}, lastValue(0), method, TIGHT);
        double c = Math.cos(w * T);
        double s = Math.sin(w * T);
        assertEquals(x0 * c + v0 / w * s, g.value(), 1e-9);
        double dxdw = -x0 * T * s + v0 * (T * c / w - s / (w * w));
        assertEquals(dxdw, g.gradient(0), 1e-7);
        assertEquals(c, g.initialStateGradient()[0], 1e-8);
        assertEquals(s / w, g.initialStateGradient()[1], 1e-8);
    }

    @ParameterizedTest
    @EnumSource(value = Method.class)
    void forwardSensitivityMatricesOfTheOscillator(Method m) {
        OdeProblem osc = OdeProblem.builder().states("x", "v").parameters("omega")
                .rhs((t, y, p) -> new Var[] {y[1], p[0].square().mul(y[0]).neg()})
                .initial(1.0, 0.0).build();
        double w = 2.0;
        double[] times = {0, 0.3, 1.1};
        SolverOptions o = TIGHT.withMethod(m).withStep(m == Method.EULER ? 2e-5 : 1e-3);
        Sensitivities s = Ode.forwardSensitivities(osc, new double[] {w}, times, o);
        // the method's own accuracy: Euler O(h), Rosenbrock order 2 at rtol 1e-10
        double tol = m == Method.EULER ? 2e-4 : m == Method.ROSENBROCK ? 1e-6 : 1e-8;
        for (int k = 0; k < times.length; k++) {
            double t = times[k];
            double[][] dy0 = s.withRespectToInitialState(k);
            // d(x, v)(t)/d(x0, v0) = [[cos wt, sin wt / w], [-w sin wt, cos wt]]
            assertEquals(Math.cos(w * t), dy0[0][0], tol);
            assertEquals(Math.sin(w * t) / w, dy0[0][1], tol);
            assertEquals(-w * Math.sin(w * t), dy0[1][0], tol);
            assertEquals(Math.cos(w * t), dy0[1][1], tol);
            // x = cos wt: dx/dw = -t sin wt, dv/dw = d(-w sin wt)/dw = -sin wt - w t cos wt
            double[][] dp = s.withRespectToParameters(k);
            assertEquals(-t * Math.sin(w * t), dp[0][0], tol);
            assertEquals(-Math.sin(w * t) - w * t * Math.cos(w * t), dp[1][0], tol);
        }
    }
}
