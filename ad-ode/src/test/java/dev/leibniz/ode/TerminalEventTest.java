package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * A stone thrown up at v₀ from a height h₀, h' = v, v' = −g, stopping when it hits the ground
 * (h falls through 0). Closed form: it lands at τ = (v₀ + √(v₀² + 2gh₀))/g with speed
 * v(τ) = v₀ − gτ = −√(v₀² + 2gh₀), so
 * <pre>  dτ/dh₀ = 1/√(v₀² + 2gh₀),   dτ/dv₀ = (1 + v₀/√(…))/g,   dτ/dg = −τ/g + h₀/(g√(…)).</pre>
 * The solve must stop there, with the event time's gradient matching the closed form and central
 * differences of the solver's own event time, and the solution holding only the outputs before it.
 */
class TerminalEventTest {
    static final double[] P = {9.81, 10, 3}; // g, h0, v0
    static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-12, 1e-12);
    static final double[] TIMES = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0};

    static HybridProblem stone() {
        OdeProblem problem = OdeProblem.builder().states("h", "v").parameters("g", "h0", "v0")
                .rhs((t, y, p) -> new Var[] {y[1], p[0].neg()})
                .initial(p -> new Var[] {p[1], p[2]}).build();
        return HybridProblem.of(problem).with(Event.when((t, y, p) -> y[0], -1).thenStop().labelled("the landing"));
    }

    static double landing(double[] p) {
        double root = Math.sqrt(p[2] * p[2] + 2 * p[0] * p[1]);
        return (p[2] + root) / p[0];
    }

    @Test
    void theSolveStopsAtTheLandingAndOnlyEarlierOutputsAreKept() {
        HybridSolution s = stone().solve(P, TIMES, TIGHT);
        double tau = landing(P); // 1.7660...
        assertTrue(s.stopped());
        assertEquals(tau, s.stopTime(), 1e-12);
        assertEquals(3, s.solution().size(), "outputs at 0.5, 1.0, 1.5 only");
        assertEquals(P[2] - P[0] * tau, s.stopState()[1], 1e-9);
        assertEquals(0, s.stopState()[0], 1e-12);
        for (int k = 0; k < 3; k++) {
            double t = TIMES[k];
            assertEquals(P[1] + P[2] * t - P[0] * t * t / 2, s.solution().value(k, 0), 1e-9);
        }
        assertEquals(1, s.events().size());
        assertEquals("the landing", s.events().get(0).label());
    }

    @Test
    void theLandingTimesGradientMatchesTheClosedFormAndCentralDifferences() {
        HybridSolution s = stone().forwardSensitivities(P, TIMES, TIGHT);
        double[] dtau = s.events().get(0).timeGradient();
        double g = P[0];
        double root = Math.sqrt(P[2] * P[2] + 2 * g * P[1]);
        double tau = landing(P);
        double[] exact = {-tau / g + P[1] / (g * root), 1 / root, (1 + P[2] / root) / g};
        double[] fdClosed = Problems.centralDifference(TerminalEventTest::landing, P, 1e-6);
        double[] fdSolver = Problems.centralDifference(q -> stone().solve(q, TIMES, TIGHT).stopTime(), P, 1e-5);
        for (int j = 0; j < 3; j++) {
            assertEquals(exact[j], dtau[j], 1e-9, "dτ/dp" + j + " vs closed form");
            assertEquals(fdClosed[j], dtau[j], 1e-6, "dτ/dp" + j + " vs central differences of the closed form");
            assertEquals(fdSolver[j], dtau[j], 1e-6, "dτ/dp" + j + " vs central differences of the solver's τ");
        }
        // the landing speed's gradient: d v(τ)/dp = d(−root)/dp, with the move of τ
        double[][] dv = s.stopSensitivity();
        assertEquals(-g * P[1] / root / g, dv[1][0], 1e-8, "dv(τ)/dg");
        assertEquals(-g / root, dv[1][1], 1e-8, "dv(τ)/dh0");
        assertEquals(-P[2] / root, dv[1][2], 1e-8, "dv(τ)/dv0");
        assertEquals(0, dv[0][0], 1e-8, "h(τ) stays 0");
    }

    /** The loss's gradient stops with the solve: the outputs after the landing do not exist. */
    @Test
    void aLossOnTheOutputsBeforeTheStopHasTheSameGradientForwardAndAdjoint() {
        TrajectoryLoss loss = (ts, states, ps, dS, dP) -> {
            double v = 0;
            for (int k = 0; k < states.length; k++) {
                v += states[k][0] * states[k][0];
                dS[k][0] = 2 * states[k][0];
            }
            return v;
        };
        SolverOptions o = TIGHT.withMethod(Method.DOPRI5);
        LossGradient f = stone().gradient(P, TIMES, loss, SensitivityMethod.FORWARD, o);
        LossGradient a = stone().gradient(P, TIMES, loss, SensitivityMethod.DISCRETE_ADJOINT, o);
        assertEquals(3, f.solution().size());
        for (int j = 0; j < 3; j++) {
            // closed form: Σ_k 2 h(t_k) ∂h(t_k)/∂p_j over t_k = 0.5, 1, 1.5
            double ex = 0;
            for (int k = 0; k < 3; k++) {
                double t = TIMES[k];
                double h = P[1] + P[2] * t - P[0] * t * t / 2;
                double[] dh = {-t * t / 2, 1, t};
                ex += 2 * h * dh[j];
            }
            assertEquals(ex, f.gradient(j), 1e-7 * Math.abs(ex));
            assertEquals(ex, a.gradient(j), 1e-7 * Math.abs(ex));
        }
    }
}
