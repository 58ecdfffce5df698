package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resets of several states at once, right-hand sides that switch at given times, and the errors. */
class HybridProblemTest {
    static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-11, 1e-11);

    /**
     * A clock x' = a that wraps at 1 and, each time, adds b·x (x = 1 there, before the reset) to a
     * decaying y' = −c·y: both states reset at once, each right-hand side reading the state before
     * the event. Events at τ_k = k/a (which move with a), and in closed form
     * <pre>  x(t) = a t − ⌊a t⌋,   y(t) = y₀ e^{−ct} + Σ_{k ≤ a t} b e^{−c(t − k/a)}.</pre>
     */
    static HybridProblem clock() {
        OdeProblem problem = OdeProblem.builder().states("x", "y").parameters("a", "b", "c")
                .rhs((t, y, p) -> new Var[] {p[0].mul(y[0]).mul(0).add(p[0]), p[2].mul(y[1]).neg()})
                .initial(0, 2).build();
        return HybridProblem.of(problem).with(Event.when((t, y, p) -> y[0].sub(1), 1)
                .thenReset((t, y, p) -> new Var[] {y[0].mul(0), y[1].add(p[1].mul(y[0]))}));
    }

    static double[] clockExact(double[] p, double t) {
        double a = p[0];
        double y = 2 * Math.exp(-p[2] * t);
        for (int k = 1; k / a <= t; k++) {
            y += p[1] * Math.exp(-p[2] * (t - k / a));
        }
        return new double[] {a * t - Math.floor(a * t), y};
    }

    static final double[] CLOCK = {0.7, 0.5, 0.3};
    static final double[] CLOCK_TIMES = {1, 2, 3, 4, 5, 6};

    @Test
    void severalStatesResetAtOnceFromTheStateBeforeTheEvent() {
        HybridSolution s = clock().forwardSensitivities(CLOCK, CLOCK_TIMES, TIGHT);
        assertEquals(4, s.events().size(), "wraps at 1/0.7, 2/0.7, 3/0.7, 4/0.7 before t = 6");
        for (int k = 0; k < CLOCK_TIMES.length; k++) {
            final double t = CLOCK_TIMES[k];
            double[] ref = clockExact(CLOCK, t);
            assertEquals(ref[0], s.solution().value(k, 0), 1e-9, "x at " + t);
            assertEquals(ref[1], s.solution().value(k, 1), 1e-9, "y at " + t);
            for (int i = 0; i < 2; i++) {
                final int comp = i;
                double[] fd = Problems.centralDifference(q -> clockExact(q, t)[comp], CLOCK, 1e-6);
                for (int j = 0; j < 3; j++) {
                    assertEquals(fd[j], s.sensitivities().parameter(k, i, j), 1e-6 * Math.max(1, Math.abs(fd[j])),
                            "d state " + i + "/d p" + j + " at t = " + t);
                }
            }
        }
        for (int e = 0; e < 4; e++) {
            double k = e + 1;
            assertEquals(k / CLOCK[0], s.events().get(e).time(), 1e-12);
            assertEquals(-k / (CLOCK[0] * CLOCK[0]), s.events().get(e).timeGradient(0), 1e-8, "dτ/da");
        }
    }

    /**
     * x' = k·u(t) − x with the input u = 1 before t = 2, 3 on [2, 5), 0 after: a piecewise right-hand
     * side as three graphs. In closed form x solves a linear ODE piece by piece:
     * x(t) = x(s)e^{−(t−s)} + k u (1 − e^{−(t−s)}) on each piece started at s.
     */
    @Test
    void aRightHandSideThatSwitchesAtGivenTimes() {
        OdeProblem base = OdeProblem.builder().states("x").parameters("k")
                .rhs((t, y, p) -> new Var[] {p[0].sub(y[0])}).initial(0.5).build();
        HybridProblem hp = HybridProblem.of(base).switching(new double[] {2, 5}, rhs(1), rhs(3), rhs(0));
        double[] times = {1, 2, 3, 5, 7};
        HybridSolution s = hp.forwardSensitivities(new double[] {1.5}, times, TIGHT);
        for (int k = 0; k < times.length; k++) {
            final double t = times[k];
            double[] fd = Problems.centralDifference(q -> switched(q[0], t), new double[] {1.5}, 1e-6);
            assertEquals(switched(1.5, t), s.solution().value(k, 0), 1e-9, "x at " + t);
            assertEquals(fd[0], s.sensitivities().parameter(k, 0, 0), 1e-7, "dx/dk at " + t);
        }
        assertTrue(s.events().isEmpty());
        assertFalse(s.stopped());
    }

    private static Graph rhs(double u) {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var k = b.input("k");
        return b.build(Map.of("x", k.mul(u).sub(x)));
    }

    private static double switched(double k, double t) {
        double[] s = {0, 2, 5};
        double[] u = {1, 3, 0};
        double x = 0.5;
        for (int i = 0; i < 3; i++) {
            double end = i < 2 ? Math.min(s[i + 1], t) : t;
            if (end <= s[i]) {
                break;
            }
            double d = Math.exp(-(end - s[i]));
            x = x * d + k * u[i] * (1 - d);
        }
        return x;
    }

    /**
     * x = A sin t (x' = A·c, c' = −x/A … written as the harmonic oscillator x'' = −x) crossing the
     * level A/2 either way (direction 0) fires at asin(1/2) = π/6 and at 5π/6, 13π/6, 17π/6: both
     * directions, each once, none twice at the same crossing. A terminal twin, falling only, stops
     * at 5π/6.
     */
    @Test
    void aCrossingInEitherDirectionFiresAtEachCrossingOnce() {
        OdeProblem osc = OdeProblem.builder().states("x", "v").parameters("A")
                .rhs((t, y, p) -> new Var[] {y[1], y[0].neg()}).initial(p -> new Var[] {p[0].mul(0), p[0]}).build();
        HybridSolution s = HybridProblem.of(osc).with(Event.when((t, y, p) -> y[0].sub(p[0].mul(0.5)), 0))
                .forwardSensitivities(new double[] {2}, new double[] {10}, TIGHT);
        double[] expected = {Math.PI / 6, 5 * Math.PI / 6, 13 * Math.PI / 6, 17 * Math.PI / 6};
        assertEquals(4, s.events().size());
        for (int e = 0; e < 4; e++) {
            assertEquals(expected[e], s.events().get(e).time(), 1e-9, "crossing " + e);
            assertEquals(0, s.events().get(e).timeGradient(0), 1e-8, "x/A does not depend on A");
        }
        HybridSolution stop = HybridProblem.of(osc).with(Event.when((t, y, p) -> y[0].sub(1), -1).thenStop())
                .solve(new double[] {2}, new double[] {1, 2, 3}, TIGHT);
        assertEquals(5 * Math.PI / 6, stop.stopTime(), 1e-9);
        assertEquals(2, stop.solution().size());
    }

    @Test
    void errorsNameTheEvent() {
        EventException never = assertThrows(EventException.class,
                () -> clock().with(Event.when((t, y, p) -> y[1].add(5), -1).labelled("m.model:7:1: the event 'when y < -5'"))
                        .solve(CLOCK, CLOCK_TIMES, TIGHT));
        assertTrue(never.getMessage().startsWith("m.model:7:1: the event 'when y < -5' never fired on [0, 6]: its"
                + " condition did not fall through zero; it stayed between "), never.getMessage());
        assertFalse(never.isComputationFailure());
        EventException nan = assertThrows(EventException.class, () -> HybridProblem.of(clock().problem())
                .with(Event.when((t, y, p) -> y[0].sub(1), 1).thenReset((t, y, p) -> new Var[] {y[0].mul(0),
                        y[1].sub(y[1]).log()}).labelled("the wrap")).solve(CLOCK, CLOCK_TIMES, TIGHT));
        assertTrue(nan.getMessage().matches("the wrap: the reset of y at t = 1\\.428571428571.* gives -Infinity"),
                nan.getMessage());
        assertTrue(nan.isComputationFailure());
        GraphBuilder b = GraphBuilder.tracing();
        Var z = b.input("z");
        Graph bad = b.build(Map.of("x", z));
        OdeException unknown = assertThrows(OdeException.class,
                () -> clock().with(Event.when((t, y, p) -> y[0], 1).thenReset(bad).labelled("the kick")));
        assertEquals("the kick: the reset reads 'z', which is neither 't', a state [x, y] nor a parameter [a, b, c]",
                unknown.getMessage());
    }
}
