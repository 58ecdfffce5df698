package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.expr.ExpressionSyntaxException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Problems written as expression strings against the same problems written in Java and closed forms. */
class ExpressionProblemTest {
    static final List<String> LV_STATES = List.of("hare", "lynx");
    static final List<String> LV_PARAMS = List.of("alpha", "beta", "gamma", "delta");
    static final Map<String, String> LV_RHS = Map.of(
            "hare", "hare*alpha - beta*hare*lynx",
            "lynx", "delta*hare*lynx - gamma*lynx");

    @Test
    void lotkaVolterraFromExpressionsEqualsTheJavaBuiltProblemBitForBit() {
        OdeProblem text = OdeProblem.fromExpressions(LV_STATES, LV_PARAMS, LV_RHS, Map.of("hare", "33", "lynx", "6.2"));
        OdeProblem java = Problems.lotkaVolterra();
        assertFalse(text.initialDependsOnParameters(), "numbers give a fixed initial state");
        double[] times = Problems.linspace(0, 20, 21);
        Solution a = Ode.solve(text, Problems.LV_PARAMS, times);
        Solution b = Ode.solve(java, Problems.LV_PARAMS, times);
        assertEquals(b.statistics(), a.statistics());
        for (int k = 0; k < times.length; k++) {
            assertArrayEquals(b.state(k), a.state(k), 0.0, "t = " + times[k]);
        }
        TrajectoryLoss loss = TrajectoryLoss.sumOfSquares(Problems.lvData(times));
        for (SensitivityMethod m : new SensitivityMethod[] {SensitivityMethod.FORWARD, SensitivityMethod.DISCRETE_ADJOINT}) {
            LossGradient ga = Ode.gradient(text, Problems.LV_PARAMS, times, loss, m, SolverOptions.DEFAULT);
            LossGradient gb = Ode.gradient(java, Problems.LV_PARAMS, times, loss, m, SolverOptions.DEFAULT);
            assertEquals(gb.value(), ga.value(), 0.0);
            assertArrayEquals(gb.gradient(), ga.gradient(), 0.0, m.toString());
        }
        // the fixed-array form gives the same problem
        OdeProblem arr = OdeProblem.fromExpressions(LV_STATES, LV_PARAMS, LV_RHS, 33, 6.2);
        assertArrayEquals(b.state(20), Ode.solve(arr, Problems.LV_PARAMS, times).state(20), 0.0);
    }

    @Test
    void initialStateFromParametersAndTimeDependence() {
        // y' = −k y + cos t, y(0) = y0:  y = (y0 − k/(1+k²)) e^{−kt} + (k cos t + sin t)/(1 + k²)
        OdeProblem p = OdeProblem.fromExpressions(List.of("y"), List.of("k", "y0"),
                Map.of("y", "-k*y + cos(t)"), Map.of("y", "y0"));
        assertTrue(p.initialDependsOnParameters());
        double k = 0.7;
        double y0 = 2.0;
        double[] times = {0.5, 1.0, 3.0};
        SolverOptions tight = SolverOptions.DEFAULT.withTolerances(1e-10, 1e-12);
        LossGradient g = Ode.gradient(p, new double[] {k, y0}, times,
                (ts, ys, ps, dys, dps) -> {
                    dys[2][0] = 1;
                    return ys[2][0];
                }, SensitivityMethod.FORWARD, tight);
        double t = 3.0;
        double c = k / (1 + k * k);
        double exact = (y0 - c) * Math.exp(-k * t) + (k * Math.cos(t) + Math.sin(t)) / (1 + k * k);
        assertEquals(exact, g.value(), 1e-8);
        assertEquals(Math.exp(-k * t), g.gradient("y0"), 1e-8, "dy(3)/dy0");
    }

    @Test
    void errorsNameTheStateAndTheColumn() {
        OdeException unknown = assertThrows(OdeException.class, () -> OdeProblem.fromExpressions(LV_STATES, LV_PARAMS,
                Map.of("hare", "alpha*hare - beta*hare*lynks", "lynx", "-gamma*lynx"), 33, 6.2));
        assertTrue(unknown.getMessage().startsWith("dhare/dt = \"alpha*hare - beta*hare*lynks\": unknown variable 'lynks'"),
                unknown.getMessage());
        assertInstanceOf(ExpressionSyntaxException.class, unknown.getCause());
        assertEquals(24, ((ExpressionSyntaxException) unknown.getCause()).column());

        OdeException syntax = assertThrows(OdeException.class, () -> OdeProblem.fromExpressions(LV_STATES, LV_PARAMS,
                Map.of("hare", "alpha*hare", "lynx", "(gamma*lynx"), 33, 6.2));
        assertTrue(syntax.getMessage().startsWith("dlynx/dt = \"(gamma*lynx\": "), syntax.getMessage());
        assertEquals(12, ((ExpressionSyntaxException) syntax.getCause()).column(), syntax.getMessage());

        OdeException missing = assertThrows(OdeException.class, () -> OdeProblem.fromExpressions(LV_STATES, LV_PARAMS,
                Map.of("hare", "alpha*hare"), 33, 6.2));
        assertTrue(missing.getMessage().contains("no derivative expression for state 'lynx'"), missing.getMessage());

        OdeException extra = assertThrows(OdeException.class, () -> OdeProblem.fromExpressions(LV_STATES, LV_PARAMS,
                Map.of("hare", "alpha*hare", "lynx", "-lynx", "wolf", "1"), 33, 6.2));
        assertTrue(extra.getMessage().contains("[wolf], which are not states"), extra.getMessage());

        OdeException initialUsesState = assertThrows(OdeException.class, () -> OdeProblem.fromExpressions(LV_STATES,
                LV_PARAMS, LV_RHS, Map.of("hare", "lynx + 1", "lynx", "6")));
        assertTrue(initialUsesState.getMessage().startsWith("hare(t0) = \"lynx + 1\": unknown variable 'lynx'"),
                initialUsesState.getMessage());
    }
}
