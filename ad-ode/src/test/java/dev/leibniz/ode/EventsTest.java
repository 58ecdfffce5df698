package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * The bouncing ball, h' = v, v' = −g, h(0) = h₀, v(0) = 0, with v ← −e·v when h falls through 0,
 * against its closed form: impacts at τ₁ = √(2h₀/g), τ_{k+1} = τ_k + 2 e^k v₁/g with v₁ = gτ₁,
 * and free flight between them. Its sensitivities to e, g and h₀ — which after a bounce depend on
 * how the impact time moves (the jump condition of {@link StateEvent}) — are checked against
 * central differences of the closed form, and a Gauss–Newton fit recovers e from heights.
 */
class EventsTest {
    static final double[] P = {0.8, 9.81, 10};
    static final double[] TIMES = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0};
    static final StateEvent BOUNCE = StateEvent.fallingThrough("h", 0, "v", -1, "e");
    static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-11, 1e-11);

    static OdeProblem ball() {
        return OdeProblem.builder().states("h", "v").parameters("e", "g", "h0")
                .rhs((t, y, p) -> new Var[] {y[1], p[1].neg()})
                .initial(p -> new Var[] {p[2], p[2].mul(0)}).build();
    }

    /** (h, v) at t from the closed form. */
    static double[] exact(double[] p, double t) {
        double e = p[0];
        double g = p[1];
        double tau = Math.sqrt(2 * p[2] / g);
        if (t < tau) {
            return new double[] {p[2] - g * t * t / 2, -g * t};
        }
        double up = e * g * tau; // speed just after the bounce at tau
        while (true) {
            double flight = 2 * up / g;
            if (t < tau + flight) {
                double s = t - tau;
                return new double[] {up * s - g * s * s / 2, up - g * s};
            }
            tau += flight;
            up *= e;
        }
    }

    @Test
    void heightsMatchTheClosedFormAcrossTheBounces() {
        Solution s = Events.solve(ball(), P, TIMES, TIGHT, BOUNCE);
        for (int k = 0; k < TIMES.length; k++) {
            double[] ref = exact(P, TIMES[k]);
            assertEquals(ref[0], s.value(k, 0), 1e-8, "h at t = " + TIMES[k]);
            assertEquals(ref[1], s.value(k, 1), 1e-8, "v at t = " + TIMES[k]);
        }
    }

    /**
     * Sensitivities after one and two bounces. Without the dτ/dp term of the jump they are off by
     * O(1): dropping it gives dh/dg(1.5) = −0.94 against the true 0.80 (checked).
     */
    @Test
    void sensitivitiesIncludingTheMovingImpactTimeMatchCentralDifferences() {
        Sensitivities sens = Events.forwardSensitivities(ball(), P, TIMES, TIGHT, BOUNCE);
        for (int k = 0; k < TIMES.length; k++) {
            final double t = TIMES[k];
            for (int i = 0; i < 2; i++) {
                final int comp = i;
                double[] fd = Problems.centralDifference(p -> exact(p, t)[comp], P, 1e-6);
                for (int j = 0; j < 3; j++) {
                    assertEquals(fd[j], sens.parameter(k, i, j), 1e-6 * Math.max(1, Math.abs(fd[j])),
                            "d " + (i == 0 ? "h" : "v") + " / d " + ball().parameterName(j) + " at t = " + t);
                }
            }
        }
    }

    @Test
    void aGaussNewtonFitRecoversTheRestitution() {
        double[] data = new double[TIMES.length];
        for (int k = 0; k < TIMES.length; k++) {
            data[k] = exact(P, TIMES[k])[0];
        }
        double[] p = {0.6, P[1], P[2]};
        for (int it = 0; it < 20; it++) {
            Sensitivities s = Events.forwardSensitivities(ball(), p, TIMES, TIGHT, BOUNCE);
            double jtj = 0;
            double jtr = 0;
            for (int k = 0; k < TIMES.length; k++) {
                double r = s.solution().value(k, 0) - data[k];
                double jk = s.parameter(k, 0, 0);
                jtj += jk * jk;
                jtr += jk * r;
            }
            p[0] -= jtr / jtj;
        }
        assertEquals(P[0], p[0], 1e-8);
    }

    @Test
    void aResetThatOverflowsIsNamed() {
        OdeException e = assertThrows(OdeException.class, () -> Events.solve(ball(),
                new double[] {Double.MAX_VALUE, 9.81, 10}, TIMES, TIGHT, BOUNCE));
        assertTrue(e.getMessage().startsWith("the event on h (falling through 0.0): the reset of v at t = 1.42")
                && e.getMessage().endsWith("gives Infinity"), e.getMessage());
        assertEquals("v", e.component());
        assertTrue(assertThrows(OdeException.class, () -> Events.solve(ball(), P, TIMES, TIGHT,
                StateEvent.fallingThrough("height", 0, "v", -1, "e"))).getMessage()
                .contains("names the state 'height'"));
    }

    /**
     * An event that cannot fire in the window (the ball dropped from h = 10 first lands at
     * t = 1.43, after the last output time 1.0): the solve says the event never fired and the range h
     * covered, instead of silently returning the solution without it.
     */
    @Test
    void anEventThatNeverFiresIsReported() {
        OdeException e = assertThrows(OdeException.class, () -> Events.solve(ball(), P, new double[] {1.0}, TIGHT,
                BOUNCE));
        assertTrue(e.getMessage().startsWith("the event on h (falling through 0.0) never fired on [0, 1]: its condition"
                + " did not fall through zero; it stayed between 5.095 and 10 at the start and the steps' ends"), e.getMessage());
        assertTrue(e.getMessage().contains("check its expression and direction"), e.getMessage());
        assertEquals(OdeException.Reason.INVALID_INPUT, e.reason());
    }
}
