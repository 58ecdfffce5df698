package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
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
        System.out.println(s.solution().statistics());
    }

    @Test
    void lv() {
        double[] times = Problems.linspace(0, 20, 21);
        double[][] data = new double[21][2];
        for (double[] r : data) { r[0] = 30; r[1] = 10; }
        TrajectoryLoss loss = TrajectoryLoss.sumOfSquares(data);
        SolverOptions o = SolverOptions.DEFAULT.withTolerances(1e-9, 1e-9);
        for (SensitivityMethod m : new SensitivityMethod[] {SensitivityMethod.FORWARD, SensitivityMethod.DISCRETE_ADJOINT, SensitivityMethod.CONTINUOUS_ADJOINT}) {
            LossGradient g = Ode.gradient(Problems.lotkaVolterra(), Problems.LV_PARAMS, times, loss, m, o);
            System.out.println(m + " " + g.value() + " " + Arrays.toString(g.gradient()) + " " + Arrays.toString(g.initialStateGradient()) + " " + g.statistics());
        }
        double[] p = Problems.LV_PARAMS.clone();
        for (int j = 0; j < 4; j++) {
            double e = 1e-6 * p[j];
            double[] a = p.clone(); a[j] += e;
            double[] b = p.clone(); b[j] -= e;
            double la = Ode.gradient(Problems.lotkaVolterra(), a, times, loss, SensitivityMethod.FORWARD, o).value();
            double lb = Ode.gradient(Problems.lotkaVolterra(), b, times, loss, SensitivityMethod.FORWARD, o).value();
            System.out.println("fd " + (la - lb) / (2 * e));
        }
    }
}
