package dev.leibniz.models.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.calibration.SyntheticData;
import dev.leibniz.ode.Solution;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectileTest {
    static final double[] TRUTH = {0.012, 45, 0.9};
    static final double[] TIMES = SyntheticData.times(0.2, 0.2, 25);

    @Test
    void fileAndJavaAgree() {
        ModelChecks.assertSameModel(new Projectile(), ModelChecks.file("projectile.model"), 7);
    }

    @Test
    void verticalShotMatchesClosedForm() {
        double k = 0.02, v0 = 40;
        double apex = Projectile.verticalApexTime(k, v0);
        double[] times = SyntheticData.times(apex / 10, apex / 10, 10);
        Solution s = new OdeSimulator(new Projectile()).solve(new double[] {k, v0, Math.PI / 2}, times);
        for (int i = 0; i < times.length; i++) {
            double exact = Projectile.verticalHeight(k, v0, times[i]);
            assertEquals(exact, s.value(i, 1), 1e-8 * exact, "t = " + times[i]);
            assertEquals(0.0, s.value(i, 0), 1e-12);
        }
        assertEquals(0.0, s.value(times.length - 1, 3), 1e-8, "vertical speed at the apex");
    }

    @Test
    void dragShortensTheRangeBelowTheVacuumParabola() {
        double[] times = {1.0, 2.0};
        Solution drag = new OdeSimulator(new Projectile()).solve(TRUTH, times);
        Solution vacuum = new OdeSimulator(new Projectile()).solve(new double[] {1e-300, TRUTH[1], TRUTH[2]}, times);
        for (int i = 0; i < 2; i++) {
            double t = times[i];
            assertEquals(TRUTH[1] * Math.cos(TRUTH[2]) * t, vacuum.value(i, 0), 1e-9);
            assertEquals(TRUTH[1] * Math.sin(TRUTH[2]) * t - Projectile.G * t * t / 2, vacuum.value(i, 1), 1e-9);
            assertTrue(drag.value(i, 0) < vacuum.value(i, 0));
        }
    }

    @Test
    void recoversFromTrackedPositionsWithoutNoise() {
        ModelChecks.assertRecovers(new Projectile(), TRUTH, TIMES, List.of("x", "y"), 0.1);
    }

    @Test
    void recoversWithNoise() {
        ModelChecks.assertRecoversWithNoise(new Projectile(), TRUTH, TIMES, List.of("x", "y"), 0.1, 0.05);
    }
}
