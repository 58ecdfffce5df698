package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Var;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The paths of {@link EventRun} the event examples elsewhere do not take: a terminal time event,
 * a time event at the last output time, and a condition that never fires. The model is decay,
 * y' = −k y, y(0) = y₀, so y(t) = y₀ e^{−kt}, ∂y/∂k = −t y₀ e^{−kt} and ∂y/∂y₀ = e^{−kt} are the
 * oracles (a dose d adds d to y and 1 to ∂y/∂d).
 */
class EventRunTest {
    static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-12, 1e-12);
    static final double K = 0.7;
    static final double Y0 = 2.0;
    static final double D = 0.5;

    static OdeProblem decay() {
        return OdeProblem.builder().states("y").parameters("k", "y0", "d")
                .rhs((t, y, p) -> new Var[] {p[0].neg().mul(y[0])})
                .initial(p -> new Var[] {p[1]}).build();
    }

    @Test
    void aTerminalTimeEventStopsTheSolveWithTheStatesSensitivitiesThere() {
        HybridProblem hp = HybridProblem.of(decay()).with(Event.at(1.0).thenStop().labelled("the harvest"));
        HybridSolution s = hp.forwardSensitivities(new double[] {K, Y0, D}, new double[] {0.5, 1.5, 2.0}, TIGHT);
        assertTrue(s.stopped());
        assertEquals(1.0, s.stopTime());
        assertEquals(1, s.solution().size(), "only the output before the stop");
        assertEquals(Y0 * Math.exp(-K * 0.5), s.solution().value(0, 0), 1e-10);
        double yStop = Y0 * Math.exp(-K);
        assertEquals(yStop, s.stopState()[0], 1e-10);
        // a time event's time does not move with p: d y(τ)/dp is the sensitivity at τ = 1 alone
        assertEquals(0.0, s.events().get(0).timeGradient(0));
        assertEquals(-yStop, s.stopSensitivity()[0][0], 1e-9, "dy(1)/dk");
        assertEquals(Math.exp(-K), s.stopSensitivity()[0][1], 1e-9, "dy(1)/dy0");
        assertEquals(0.0, s.stopSensitivity()[0][2], 1e-12, "dy(1)/dd");
    }

    @Test
    void outputsAtATimeEventAtTheLastTimeSeeTheStateAfterIt() {
        HybridProblem hp = HybridProblem.of(decay()).with(Event.dose("y", "d", 2.0));
        HybridSolution s = hp.forwardSensitivities(new double[] {K, Y0, D}, new double[] {1.0, 2.0}, TIGHT);
        assertFalse(s.stopped());
        assertEquals(2, s.solution().size());
        assertEquals(Y0 * Math.exp(-K), s.solution().value(0, 0), 1e-10);
        double before = Y0 * Math.exp(-2 * K);
        assertEquals(before + D, s.solution().value(1, 0), 1e-10, "y(2) after the dose");
        double[][] dp = s.sensitivities().withRespectToParameters(1);
        assertEquals(-2 * before, dp[0][0], 1e-9, "dy(2)/dk");
        assertEquals(Math.exp(-2 * K), dp[0][1], 1e-9, "dy(2)/dy0");
        assertEquals(1.0, dp[0][2], 1e-12, "dy(2)/dd");
    }

    @Test
    void aConditionThatNeverFiresIsBadInputNamingTheRangeItCovered() {
        // y falls from 2 to 2 e^{-0.35} ≈ 1.41 on [0, 0.5]: y − 1 never reaches zero
        HybridProblem hp = HybridProblem.of(decay())
                .with(Event.when((t, y, p) -> y[0].sub(1), -1).thenStop().labelled("the threshold"));
        EventException e = assertThrows(EventException.class,
                () -> hp.solve(new double[] {K, Y0, D}, new double[] {0.25, 0.5}, TIGHT));
        assertFalse(e.isComputationFailure());
        assertEquals(OdeException.Reason.INVALID_INPUT, e.reason());
        String m = e.getMessage();
        assertTrue(m.startsWith("the threshold never fired on [0, 0.5]: its condition did not fall through zero;"), m);
        Matcher range = Pattern.compile("it stayed between (\\S+) and (\\S+) at the start").matcher(m);
        assertTrue(range.find(), m);
        assertEquals(Y0 * Math.exp(-K * 0.5) - 1, Double.parseDouble(range.group(1)), 1e-5, "g at the last step's end");
        assertEquals(Y0 - 1, Double.parseDouble(range.group(2)), 0.0, "g at the start");
    }
}
