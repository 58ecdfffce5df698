package dev.leibniz.models.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.calibration.SyntheticData;
import dev.leibniz.ode.Solution;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoodwinTest {
    static final double[] TRUTH = {0.55, 0.65, 2.8, 0.88, 0.93};
    static final double[] TIMES = SyntheticData.times(1, 1, 40);

    @Test
    void fileAndJavaAgree() {
        ModelChecks.assertSameModel(new Goodwin(), ModelChecks.file("goodwin.model"), 5);
    }

    /**
     * Started at (u*, v*), the solver must stay there: the equilibrium is a fixed point of the
     * computed flow. f(u*, v*) is zero up to rounding (~1e-17); with steps that resolve the cycle
     * (period 2π/√(u*·ρ·v* / σ) ≈ 15 years) the rounding never accumulates and the state does not
     * move at all. With unbounded steps DOPRI5 strides 10 years at a time — beyond its stability
     * limit on the centre's imaginary eigenvalues — and the rounding residual grows, but only as
     * far as the error control allows: it stays below 100·rtol over 200 years.
     */
    @Test
    void equilibriumIsAFixedPointOfTheSolver() {
        double[] theta = TRUTH.clone();
        double[] eq = Goodwin.equilibrium(theta);
        theta[3] = eq[0];
        theta[4] = eq[1];
        double[] rhs = new Goodwin().problem().rhs().evaluate(0.0, eq[0], eq[1], theta[0], theta[1], theta[2], eq[0], eq[1]);
        assertEquals(0.0, rhs[0], 1e-15);
        assertEquals(0.0, rhs[1], 1e-15);
        double[] times = SyntheticData.times(10, 10, 20);
        OdeSimulator sim = new OdeSimulator(new Goodwin());
        Solution resolved = sim.withOptions(OdeSimulator.DEFAULT_OPTIONS.withMaxStep(1.0)).solve(theta, times);
        Solution free = sim.solve(theta, times);
        double drift = 0;
        for (int k = 0; k < times.length; k++) {
            assertEquals(eq[0], resolved.value(k, 0), 1e-15);
            assertEquals(eq[1], resolved.value(k, 1), 1e-15);
            drift = Math.max(drift, Math.max(Math.abs(free.value(k, 0) - eq[0]), Math.abs(free.value(k, 1) - eq[1])));
        }
        System.out.printf("Goodwin equilibrium over 200 years: 0 with steps <= 1 year, %.1e with unbounded steps%n", drift);
        assertTrue(drift < 100 * OdeSimulator.DEFAULT_OPTIONS.relativeTolerance(), "drift " + drift);
    }

    @Test
    void cycleConservesGoodwinsFirstIntegral() {
        // H = ρv − (γ+α) ln v + u/σ − (1/σ − α − β) ln u is constant along orbits
        Solution s = new OdeSimulator(new Goodwin()).solve(TRUTH, TIMES);
        double h0 = first(TRUTH, TRUTH[3], TRUTH[4]);
        for (int k = 0; k < s.size(); k++) {
            assertEquals(h0, first(TRUTH, s.value(k, 0), s.value(k, 1)), 1e-9);
        }
    }

    private static double first(double[] th, double u, double v) {
        return th[1] * v - (th[0] + Goodwin.ALPHA) * Math.log(v) + u / th[2]
                - (1 / th[2] - Goodwin.ALPHA - Goodwin.BETA) * Math.log(u);
    }

    @Test
    void recoversWithoutNoise() {
        ModelChecks.assertRecovers(new Goodwin(), TRUTH, TIMES, List.of("u", "v"), 0.02);
    }

    @Test
    void recoversWithNoise() {
        ModelChecks.assertRecoversWithNoise(new Goodwin(), TRUTH, TIMES, List.of("u", "v"), 0.02, 0.005);
    }
}
