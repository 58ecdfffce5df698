package dev.leibniz.models.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.calibration.GradientDescent;
import dev.leibniz.models.calibration.Objective;
import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.calibration.SyntheticData;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.ode.Solution;
import java.util.List;
import org.junit.jupiter.api.Test;

class PidTuningTest {
    static final PidMassSpringDamper MODEL = new PidMassSpringDamper();
    static final double[] TIMES = SyntheticData.times(0.25, 0.25, 60);
    static final double[] TRUTH = {2.0, 0.8, 1.1};

    /** The tuning target: x at the set point, u at the force k·r that holds it there (weight 0.05). */
    static Calibrator tuning() {
        double[][] target = new double[TIMES.length][2];
        for (double[] row : target) {
            row[0] = PidMassSpringDamper.SETPOINT;
            row[1] = PidMassSpringDamper.STIFFNESS * PidMassSpringDamper.SETPOINT;
        }
        DataSet data = DataSet.of("set point", TIMES, List.of("x", "control"), target);
        return Calibrator.of(MODEL, data).weight("control", 0.05);
    }

    @Test
    void fileAndJavaAgree() {
        ModelChecks.assertSameModel(MODEL, ModelChecks.file("pid-mass-spring-damper.model"), 10);
    }

    @Test
    void integralActionRemovesTheSteadyStateError() {
        Solution s = new OdeSimulator(MODEL).solve(TRUTH, new double[] {200});
        assertEquals(PidMassSpringDamper.SETPOINT, s.value(0, 0), 1e-6);
        assertEquals(0.0, s.value(0, 1), 1e-6);
    }

    /** The gradient of the tracking loss through the closed loop equals central differences. */
    @Test
    void trackingGradientMatchesFiniteDifferences() {
        Objective f = tuning().objective();
        double[] u = f.free(new double[] {1.0, 0.2, 0.2});
        double[] g = new double[3];
        f.valueAndGradient(u, g);
        for (int i = 0; i < 3; i++) {
            double h = 1e-5;
            double[] up = u.clone();
            double[] dn = u.clone();
            up[i] += h;
            dn[i] -= h;
            assertEquals((f.value(up) - f.value(dn)) / (2 * h), g[i], 1e-6 * (1 + Math.abs(g[i])));
        }
    }

    /**
     * Gradient descent tunes the three gains: the loss falls monotonically and ends within 1% of
     * the optimum that Levenberg–Marquardt finds for the same (least-squares) loss.
     */
    @Test
    void gradientDescentTunesTheGains() {
        FitResult gd = tuning().optimizer(new GradientDescent(300, 0.1, 1e-8, 1e-10)).fit();
        FitResult lm = tuning().fit();
        double[] h = gd.lossHistory();
        for (int i = 1; i < h.length; i++) {
            assertTrue(h[i] <= h[i - 1], "monotone descent");
        }
        System.out.printf("PID tuning: loss %.4f -> %.4f by gradient descent (%d iterations), optimum %.4f%n"
                + "  gains Kp %.3f Ki %.3f Kd %.3f (optimum %.3f %.3f %.3f)%n", h[0], gd.loss(), gd.iterations(),
                lm.loss(), gd.value("Kp"), gd.value("Ki"), gd.value("Kd"), lm.value("Kp"), lm.value("Ki"), lm.value("Kd"));
        assertTrue(lm.converged(), lm.reason());
        assertTrue(gd.loss() < h[0] / 3, "the tuned loop tracks better");
        assertTrue(gd.loss() < lm.loss() * 1.01, "gradient descent reaches the optimum: " + gd.loss() + " vs " + lm.loss());
    }

    @Test
    void recoversGainsFromAClosedLoopResponse() {
        ModelChecks.assertRecovers(MODEL, TRUTH, TIMES, List.of("x"), 0.1);
    }

    @Test
    void recoversGainsWithNoise() {
        ModelChecks.assertRecoversWithNoise(MODEL, TRUTH, TIMES, List.of("x"), 0.1, 0.01);
    }
}
