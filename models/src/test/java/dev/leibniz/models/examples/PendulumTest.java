package dev.leibniz.models.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.calibration.SyntheticData;
import dev.leibniz.ode.Solution;
import dev.leibniz.ode.SolverOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendulumTest {
    static final double[] TRUTH = {0.8, 1.2, 0.5};
    static final double[] TIMES = SyntheticData.times(0.1, 0.1, 40);

    @Test
    void fileAndJavaAgree() {
        ModelChecks.assertSameModel(new Pendulum(), ModelChecks.file("pendulum.model"), 6);
    }

    /**
     * Energy drift over 100 s (≈ 50 periods): reported, and it shrinks with the tolerance — a
     * Runge–Kutta method is not symplectic, so the energy wanders by about the local error.
     */
    @Test
    void energyDriftIsReportedAndShrinksWithTolerance() {
        double[] times = SyntheticData.times(1, 1, 100);
        OdeSimulator sim = new OdeSimulator(new Pendulum());
        double tight = Pendulum.energyDrift(TRUTH, sim.solve(TRUTH, times));
        double loose = Pendulum.energyDrift(TRUTH, sim.withOptions(SolverOptions.DEFAULT).solve(TRUTH, times));
        System.out.printf("pendulum energy drift over 100 s: %.2e (rtol 1e-6), %.2e (rtol 1e-10)%n", loose, tight);
        // the drift is global error, so it follows the tolerance: far below 1e-6 at rtol 1e-10, and
        // 10⁴ times looser tolerances give a drift at least 100 times larger
        assertTrue(tight < 1e-7, "drift " + tight);
        assertTrue(loose > 100 * tight, "looser tolerance must drift more: " + loose + " vs " + tight);
        assertTrue(loose < 1e-3, "drift " + loose);
        // the energy output agrees with the closed-form energy
        Solution s = sim.solve(TRUTH, new double[] {0.0});
        assertEquals(Pendulum.energy(TRUTH[0], TRUTH[1], TRUTH[2]), new Pendulum().outputGraph()
                .evaluate(0.0, s.value(0, 0), s.value(0, 1), TRUTH[0], TRUTH[1], TRUTH[2])[0], 1e-12);
    }

    /** Small oscillations: period 2π√(L/g) (the linearized pendulum), here with θ₀ = 0.01. */
    @Test
    void smallOscillationPeriod() {
        double[] small = {0.8, 0.01, 0.0};
        double period = 2 * Math.PI * Math.sqrt(small[0] / Pendulum.G);
        Solution s = new OdeSimulator(new Pendulum()).solve(small, new double[] {period / 2, period});
        assertEquals(-0.01, s.value(0, 0), 0.01 * 1e-4);
        assertEquals(0.01, s.value(1, 0), 0.01 * 1e-4);
    }

    @Test
    void recoversWithoutNoise() {
        ModelChecks.assertRecovers(new Pendulum(), TRUTH, TIMES, List.of("theta"), 0.1);
    }

    @Test
    void recoversWithNoise() {
        ModelChecks.assertRecoversWithNoise(new Pendulum(), TRUTH, TIMES, List.of("theta"), 0.1, 0.01);
    }
}
