package dev.leibniz.models.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.ode.EventException;
import dev.leibniz.ode.HybridSolution;
import dev.leibniz.ode.SolverOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The {@code when}, {@code at} and {@code input NAME(t)} lines of model files: the shipped examples
 * against closed forms, fits of the bouncing ball and the two-dose model to their synthetic data
 * (generated from the closed forms, not by Leibniz), and the errors naming file:line:column.
 */
class EventLinesTest {
    static final Path EXAMPLES = Path.of("../examples");
    static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-11, 1e-11);

    @Test
    void theBouncingBallFileBouncesAsTheClosedFormDoes() {
        ModelSpec m = ModelParser.parse(EXAMPLES.resolve("bouncing-ball.model"));
        assertEquals(1, m.events().size());
        double[] times = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0};
        double[] p = {0.8, 10};
        HybridSolution s = m.hybridProblem().solve(p, times, TIGHT);
        for (int k = 0; k < times.length; k++) {
            assertEquals(ball(0.8, 10, times[k]), s.solution().value(k, 0), 1e-8, "h at " + times[k]);
        }
        assertEquals("bouncing-ball.model:16:1: the event 'when h < 0'", s.events().get(0).label());
        assertEquals(Math.sqrt(2 * 10 / 9.81), s.events().get(0).time(), 1e-12);
    }

    /** Free flight between impacts: τ₁ = √(2h₀/g), then flights of 2 e^k v₁/g. */
    static double ball(double e, double h0, double t) {
        double g = 9.81;
        double tau = Math.sqrt(2 * h0 / g);
        if (t < tau) {
            return h0 - g * t * t / 2;
        }
        double up = e * g * tau;
        while (true) {
            double flight = 2 * up / g;
            if (t < tau + flight) {
                double s = t - tau;
                return up * s - g * s * s / 2;
            }
            tau += flight;
            up *= e;
        }
    }

    /** The impact times' gradients from the model file against central differences of the solver's own impact times. */
    @Test
    void theImpactTimesGradientMatchesCentralDifferencesOfTheSolvedImpactTimes() {
        ModelSpec m = ModelParser.parse(EXAMPLES.resolve("bouncing-ball.model"));
        double[] times = {1, 2, 3, 4, 5, 6};
        double[] p = {0.8, 10};
        HybridSolution s = m.hybridProblem().forwardSensitivities(p, times, TIGHT);
        assertEquals(3, s.events().size(), "impacts at 1.43, 3.71, 5.54");
        for (int e = 0; e < 3; e++) {
            final int impact = e;
            for (int j = 0; j < 2; j++) {
                final int param = j;
                double step = 1e-5 * p[j];
                double[] up = p.clone();
                double[] down = p.clone();
                up[param] += step;
                down[param] -= step;
                double fd = (m.hybridProblem().solve(up, times, TIGHT).events().get(impact).time()
                        - m.hybridProblem().solve(down, times, TIGHT).events().get(impact).time()) / (2 * step);
                assertEquals(fd, s.events().get(e).timeGradient(j), 1e-6, "dτ" + (e + 1) + "/dp" + j);
            }
        }
        // and the closed form of the second impact: τ₂ = τ₁(1 + 2e), τ₁ = √(2h₀/g)
        double tau1 = Math.sqrt(2 * 10 / 9.81);
        assertEquals(2 * tau1, s.events().get(1).timeGradient(0), 1e-9);
        assertEquals((1 + 2 * 0.8) * tau1 / 20, s.events().get(1).timeGradient(1), 1e-9);
    }

    @Test
    void theBouncingBallFitRecoversRestitutionAndHeight() {
        ModelSpec m = ModelParser.parse(EXAMPLES.resolve("bouncing-ball.model"));
        DataSet d = m.dataReader().read(EXAMPLES.resolve("bouncing-ball.csv"));
        FitResult r = Calibrator.of(m, d).fit();
        assertEquals(0.8, r.values()[0], 1e-7, "e");
        assertEquals(10, r.values()[1], 1e-6, "h0");
    }

    @Test
    void theTwoDoseFitRecoversAbsorptionEliminationAndDose() {
        ModelSpec m = ModelParser.parse(EXAMPLES.resolve("pk-two-doses.model"));
        DataSet d = m.dataReader().read(EXAMPLES.resolve("pk-two-doses.csv"));
        FitResult r = Calibrator.of(m, d).fit();
        assertEquals(1.2, r.values()[0], 1e-6, "ka");
        assertEquals(0.15, r.values()[1], 1e-7, "ke");
        assertEquals(100, r.values()[2], 1e-5, "D");
    }

    /** A fit's loss gradient across the doses, by the discrete adjoint (segment by segment) and by forward sensitivities. */
    @Test
    void theAdjointAndForwardLossGradientsAgreeOnTheTwoDoseModel() {
        ModelSpec m = ModelParser.parse(EXAMPLES.resolve("pk-two-doses.model"));
        OdeSimulator base = new OdeSimulator(m);
        OdeSimulator fwd = base.withOptions(base.options().withMethod(dev.leibniz.ode.Method.DOPRI5))
                .withSensitivity(dev.leibniz.ode.SensitivityMethod.FORWARD);
        OdeSimulator adj = fwd.withSensitivity(dev.leibniz.ode.SensitivityMethod.DISCRETE_ADJOINT);
        double[] theta = {1.3, 0.12, 90};
        double[] times = {0.5, 1, 2, 4, 8, 12, 12.5, 13, 14, 16, 20, 24};
        dev.leibniz.models.calibration.Simulator.CotangentFunction phi = (values, ct) -> {
            double v = 0;
            for (int k = 0; k < values.length; k++) {
                double r = values[k][0] - 50 - values[k][1];
                v += r * r;
                ct[k][0] = 2 * r;
                ct[k][1] = -2 * r;
            }
            return v;
        };
        double[] gf = new double[3];
        double[] ga = new double[3];
        double lf = fwd.valueAndGradient(theta, times, new int[] {1, 0}, phi, gf);
        double la = adj.valueAndGradient(theta, times, new int[] {1, 0}, phi, ga);
        assertEquals(lf, la, 1e-9 * lf);
        for (int j = 0; j < 3; j++) {
            assertEquals(gf[j], ga[j], 1e-6 * Math.abs(gf[j]), "dL/d" + m.parameterNames().get(j));
        }
    }

    @Test
    void theFallingStoneStopsAtTheGroundWithTheClosedFormsLandingTimeAndGradient() {
        ModelSpec m = ModelParser.parse(EXAMPLES.resolve("falling-stone.model"));
        double[] p = m.initialParameterValues(); // g, h0, v0
        HybridSolution s = m.hybridProblem().forwardSensitivities(p, new double[] {0.5, 1, 2, 3}, TIGHT);
        double root = Math.sqrt(p[2] * p[2] + 2 * p[0] * p[1]);
        double tau = (p[2] + root) / p[0];
        assertTrue(s.stopped());
        assertEquals(tau, s.stopTime(), 1e-12);
        assertEquals(2, s.solution().size(), "the outputs at 0.5 and 1; those at 2 and 3 are after the landing at 1.77");
        double[] dtau = s.events().get(0).timeGradient();
        assertEquals(-tau / p[0] + p[1] / (p[0] * root), dtau[0], 1e-9);
        assertEquals(1 / root, dtau[1], 1e-9);
        assertEquals((1 + p[2] / root) / p[0], dtau[2], 1e-9);
    }

    /** amount' = rate − k·amount with the infusion on [1, 3): exponential approach and decay, piece by piece. */
    @Test
    void theInfusionsInputSwitchesOnAndOff() {
        ModelSpec m = ModelParser.parse(EXAMPLES.resolve("infusion.model"));
        double k = 0.3;
        double[] times = {0.5, 1, 2, 3, 5};
        OdeSimulator sim = new OdeSimulator(m);
        double[][] values = new double[times.length][2];
        double[][][] jac = new double[times.length][2][1];
        sim.simulate(new double[] {k}, times, new int[] {0, 1}, values, jac);
        double at3 = 25 / k * (1 - Math.exp(-2 * k));
        double[] exact = {0, 0, 25 / k * (1 - Math.exp(-k)), at3, at3 * Math.exp(-2 * k)};
        for (int i = 0; i < times.length; i++) {
            assertEquals(exact[i], values[i][0], 1e-7, "amount at " + times[i]);
            assertEquals(exact[i] / 5, values[i][1], 1e-7, "concentration at " + times[i]);
        }
        // d amount(5)/dk = d/dk [25/k (1 − e^{−2k}) e^{−2k}]
        double h = 1e-6;
        double fd = (f5(k + h) - f5(k - h)) / (2 * h);
        assertEquals(fd, jac[4][0][0], 1e-6);
    }

    private static double f5(double k) {
        return 25 / k * (1 - Math.exp(-2 * k)) * Math.exp(-2 * k);
    }

    @Test
    void severalStatesResetAtOnceFromTheStateBeforeTheEvent() {
        ModelSpec m = ModelParser.parse("clock.model", """
                param a = 0.7
                param b = 0.5
                state x = 0
                state y = 2
                der(x) = a
                der(y) = -0.3*y
                when x > 1: x = 0, y = y + b*x   # x is 1 here, before the reset: y gains b
                """);
        HybridSolution s = m.hybridProblem().solve(new double[] {0.7, 0.5}, new double[] {2}, TIGHT);
        double tau = 1 / 0.7;
        assertEquals(0.7 * (2 - tau), s.solution().value(0, 0), 1e-9);
        assertEquals(2 * Math.exp(-0.3 * 2) + 0.5 * Math.exp(-0.3 * (2 - tau)), s.solution().value(0, 1), 1e-9);
    }

    @Test
    void badEventLinesNameFileLineAndColumn() {
        String base = "param e = 0.8\nstate h = 1\nstate v = 0\nder(h) = v\nder(v) = -9.81\n";
        String[][] cases = {
            {"when h < 0: vv = -e*v\n", "ball.model:6:13: a reset sets a state: 'vv' is not defined; did you mean 'v'?"
                    + " (states: h, v)"},
            {"when h < 0 v = -e*v\n", "ball.model:6:20: expected ':' and what happens after the condition"},
            {"when h: v = 0\n", "ball.model:6:6: expected a comparison after 'when', like 'h < 0'"},
            {"when h < 0: v = -e*\n", "ball.model:6:20: expected a number, a name or '(' but found end of input"},
            {"when h < 0: v = 0, v = 1\n", "ball.model:6:20: 'v' is reset twice in one event (first at column 13)"},
            {"when h < 0: v = 0, stop\n", "ball.model:6:13: a terminal event ('stop') ends the solve and has no reset"},
            {"when h < 0: e = 0\n", "ball.model:6:13: a reset sets a state: 'e' is a param, not a state"},
            {"when h < 0: v = -e*w\n", "ball.model:6:20: unknown name 'w'"},
            {"at t = 2, 1: v = 0\n", "ball.model:6:11: the times of an 'at' line must increase, but 1 comes after 2"},
            {"at t = 1 v = 0\n", "ball.model:6:10: expected ':' after the event times"},
            {"t0 = 1\nat t = 0.5: v = 0\n", "ball.model:7:1: the event time 0.5 is before the start time t0 = 1"},
            {"input u(t) = 1 from 2, 3\n", "ball.model:6:16: the first piece holds from the start and has no 'from'"},
            {"input u(t) = 1, 3 from 2, 0 from 1\n", "ball.model:6:34: the pieces' times must increase, but 1 comes"
                    + " after 2"},
            {"input u(t) = 1, 3 from x\n", "ball.model:6:24: expected a number after 'from'"},
            {"input u(s) = 1\n", "ball.model:6:9: an input function is a function of time"},
            {"input u(t) = h, 0 from 1\n", "ball.model:6:14: 'h' is a state and cannot be used in an input function"},
            {"const c = u\ninput u(t) = 1, 0 from 1\n", "ball.model:6:11: 'u' is an input function and cannot be"
                    + " used here"},
        };
        for (String[] c : cases) {
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelParser.parse("ball.model",
                    base + c[0]), c[0]);
            assertTrue(e.getMessage().startsWith(c[1]), c[0] + " gave: " + e.getMessage());
        }
    }

    @Test
    void anEventThatNeverFiresAndAResetThatGivesNanNameTheirLine() {
        String base = "param e = 0.8\nstate h = 1\nstate v = 0\nder(h) = v\nder(v) = -9.81\n";
        ModelSpec never = ModelParser.parse("ball.model", base + "when h > 2: v = -e*v\n");
        EventException e = assertThrows(EventException.class,
                () -> never.hybridProblem().solve(never.initialParameterValues(), new double[] {1}, TIGHT));
        assertTrue(e.getMessage().startsWith("ball.model:6:1: the event 'when h > 2' never fired on [0, 1]: its"
                + " condition did not rise through zero; it stayed between "), e.getMessage());
        ModelSpec nan = ModelParser.parse("ball.model", base + "when h < 0: v = sqrt(v)\n");
        EventException n = assertThrows(EventException.class,
                () -> nan.hybridProblem().solve(nan.initialParameterValues(), new double[] {1}, TIGHT));
        assertTrue(n.getMessage().matches("ball\\.model:6:1: the event 'when h < 0': the reset of v at t = 0\\.451.*"
                + " gives NaN"), n.getMessage());
    }
}
