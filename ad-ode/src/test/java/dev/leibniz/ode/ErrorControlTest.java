package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Forward sensitivities with and without the sensitivities in the step-size control, against a
 * reference gradient computed at a tolerance a million times tighter.
 */
class ErrorControlTest {
    private static double relativeError(double[] a, double[] ref) {
        double e = 0;
        for (int j = 0; j < a.length; j++) {
            e = Math.max(e, Math.abs(a[j] - ref[j]) / Math.abs(ref[j]));
        }
        return e;
    }

    @Test
    void sensitivitiesInTheErrorNormKeepTheGradientAtTheTolerance() {
        double[] times = Problems.linspace(0, 20, 21);
        TrajectoryLoss loss = TrajectoryLoss.sumOfSquares(Problems.lvData(times));
        double[] ref = Ode.gradient(Problems.lotkaVolterra(), Problems.LV_PARAMS, times, loss,
                SensitivityMethod.DISCRETE_ADJOINT, SolverOptions.DEFAULT.withTolerances(1e-11, 1e-11)).gradient();
        double tol = 1e-5;
        SolverOptions o = SolverOptions.DEFAULT.withTolerances(tol, tol);
        LossGradient on = Ode.gradient(Problems.lotkaVolterra(), Problems.LV_PARAMS, times, loss,
                SensitivityMethod.FORWARD, o);
        LossGradient off = Ode.gradient(Problems.lotkaVolterra(), Problems.LV_PARAMS, times, loss,
                SensitivityMethod.FORWARD, o.withSensitivitiesInErrorNorm(false));
        double eOn = relativeError(on.gradient(), ref);
        double eOff = relativeError(off.gradient(), ref);
        System.out.println("rtol " + tol + ": with S in the norm error " + eOn + " in " + on.statistics().steps()
                + " steps; without " + eOff + " in " + off.statistics().steps() + " steps");
        assertTrue(eOn < 10 * tol, "with S in the norm: " + eOn);
        assertTrue(eOff > 3 * eOn, "without S in the norm the gradient is markedly worse: " + eOff + " vs " + eOn);
        assertTrue(off.statistics().steps() < on.statistics().steps());
    }
}
