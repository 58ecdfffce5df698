package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void decayClosedForm() {
        double k = 0.7;
        double y0 = 2.0;
        double T = 3.0;
        SolverOptions o = SolverOptions.DEFAULT.withTolerances(1e-10, 1e-12);
        Sensitivities s = Ode.forwardSensitivities(Problems.decay(), new double[] {k, y0}, new double[] {0, T}, o);
        assertEquals(y0 * Math.exp(-k * T), s.solution().value(1, 0), 1e-9);
        assertEquals(-T * y0 * Math.exp(-k * T), s.parameter(1, 0, 0), 1e-8);
        assertEquals(Math.exp(-k * T), s.parameter(1, 0, 1), 1e-9);
        assertEquals(Math.exp(-k * T), s.withRespectToInitialState(1)[0][0], 1e-9);
        System.out.println(s.solution().statistics());
    }
}
