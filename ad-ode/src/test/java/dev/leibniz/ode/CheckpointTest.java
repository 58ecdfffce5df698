package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Checkpointing: the adjoints' peak memory (counted in stored state vectors) is bounded by the
 * checkpoint budget plus one segment, not by the number of steps, and the replay from
 * checkpoints reproduces the forward steps exactly. The discrete adjoint keeps the forward
 * pass's steps instead when there are at most maxCheckpoints of them, and then replays nothing.
 */
class CheckpointTest {
    private static final double[] TIMES = Problems.linspace(0, 20, 11);
    private static final TrajectoryLoss LOSS = TrajectoryLoss.sumOfSquares(Problems.lvData(TIMES));
    private static final int STAGES = 7;

    private static LossGradient discrete(double rtol, int budget) {
        return Ode.gradient(Problems.lotkaVolterra(), Problems.LV_PARAMS, TIMES, LOSS,
                SensitivityMethod.DISCRETE_ADJOINT,
                SolverOptions.DEFAULT.withTolerances(rtol, rtol).withMaxCheckpoints(budget));
    }

    @Test
    void peakMemoryFollowsCheckpointsNotSteps() {
        int budget = 16;
        for (double rtol : new double[] {1e-6, 1e-9, 1e-12}) {
            Statistics s = discrete(rtol, budget).statistics();
            int n = s.steps();
            System.out.println("rtol " + rtol + ": " + s);
            assertTrue(n > budget, "too few steps (" + n + ") to need checkpoints");
            assertTrue(s.checkpoints() <= budget, "checkpoints held " + s.checkpoints());
            // checkpoints + one segment (at most 2N/C steps) + the stages of the step being differentiated
            assertTrue(s.peakStoredStates() <= budget + 2 * n / budget + 1 + STAGES,
                    "peak " + s.peakStoredStates() + " for " + n + " steps");
            assertEquals(n, s.recomputedSteps(), "more steps than the budget: every step is replayed exactly once");
        }
    }

    @Test
    void fixedStepsShowTheTradeOff() {
        // RK4 with h = 0.004 on [0, 20]: N = 5000 steps; memory C + 2N/C + stages instead of N
        int n = 5000;
        for (int budget : new int[] {8, 32, 128}) {
            Statistics s = Ode.gradient(Problems.lotkaVolterra(), Problems.LV_PARAMS, TIMES, LOSS,
                    SensitivityMethod.DISCRETE_ADJOINT,
                    SolverOptions.DEFAULT.withMethod(Method.RK4).withStep(0.004).withMaxCheckpoints(budget)).statistics();
            System.out.println("RK4, budget " + budget + ": " + s);
            assertEquals(n, s.steps());
            assertTrue(s.checkpoints() <= budget);
            assertTrue(s.peakStoredStates() <= budget + 2 * n / budget + 1 + 4, "peak " + s.peakStoredStates());
            if (budget >= 32) {
                assertTrue(s.peakStoredStates() < n / 10, "near C = sqrt(2N) the peak is a small fraction of N");
            }
            assertEquals(n, s.recomputedSteps());
        }
    }

    @Test
    void budgetDoesNotChangeTheGradient() {
        // replay is bit-for-bit: any budget yields exactly the same numbers, kept steps or replayed
        LossGradient all = discrete(1e-8, 1_000_000);
        assertEquals(all.statistics().steps(), all.statistics().checkpoints(),
                "an unbounded budget checkpoints every step: " + all.statistics());
        assertEquals(0, all.statistics().recomputedSteps(), "and keeps them: no replay");
        for (int budget : new int[] {2, 5, 64}) {
            LossGradient g = discrete(1e-8, budget);
            assertBitwiseEqual(all, g, "budget " + budget);
            assertEquals(all.statistics().steps(), g.statistics().steps());
            assertEquals(g.statistics().steps(), g.statistics().recomputedSteps(), "budget " + budget + " replays");
        }
    }

    @Test
    void stepsAreKeptExactlyWhenTheyFitTheBudget() {
        int n = discrete(1e-8, 1_000_000).statistics().steps();
        Statistics fits = discrete(1e-8, n).statistics();
        System.out.println("budget = steps: " + fits);
        assertEquals(0, fits.recomputedSteps(), "N steps fit a budget of N: kept, not replayed");
        assertEquals(n, fits.checkpoints(), "the checkpoints are still taken (the fallback)");
        // the N checkpoints (the kept steps share their states) and the stages of one step
        assertEquals(n + STAGES, fits.peakStoredStates());
        Statistics over = discrete(1e-8, n - 1).statistics();
        System.out.println("budget = steps - 1: " + over);
        assertEquals(n, over.recomputedSteps(), "one step too many: checkpoints and replay");
        assertTrue(over.checkpoints() <= n - 1);
        assertTrue(over.peakStoredStates() <= (n - 1) + 2 * n / (n - 1) + 1 + STAGES, "peak " + over.peakStoredStates());
    }

    /** Van der Pol, μ = 8, by DOPRI5 from an oversized first step: a solve with rejected steps. */
    @Test
    void keptStepsMatchReplayedStepsWithRejections() {
        OdeProblem vdp = OdeProblem.builder()
                .states("x", "v")
                .parameters("mu")
                .rhs((t, y, p) -> new dev.leibniz.core.Var[] {
                    y[1],
                    p[0].mul(y[0].mul(y[0]).neg().add(1)).mul(y[1]).sub(y[0])})
                .initial(2, 0)
                .build();
        double[] times = Problems.linspace(0, 10, 6);
        double[][] data = new double[times.length][];
        for (int k = 0; k < times.length; k++) {
            data[k] = new double[] {Math.cos(times[k]), -Math.sin(times[k])};
        }
        TrajectoryLoss loss = TrajectoryLoss.sumOfSquares(data);
        SolverOptions o = SolverOptions.DEFAULT.withMethod(Method.DOPRI5).withTolerances(1e-6, 1e-6).withInitialStep(1.0);
        LossGradient kept = Ode.gradient(vdp, new double[] {8}, times, loss, SensitivityMethod.DISCRETE_ADJOINT,
                o.withMaxCheckpoints(1_000_000));
        LossGradient replayed = Ode.gradient(vdp, new double[] {8}, times, loss, SensitivityMethod.DISCRETE_ADJOINT,
                o.withMaxCheckpoints(4));
        System.out.println("Van der Pol kept: " + kept.statistics() + "; replayed: " + replayed.statistics());
        assertTrue(kept.statistics().rejectedSteps() > 0, "the test needs rejected steps: " + kept.statistics());
        assertEquals(0, kept.statistics().recomputedSteps());
        assertEquals(replayed.statistics().steps(), replayed.statistics().recomputedSteps());
        assertEquals(kept.statistics().rejectedSteps(), replayed.statistics().rejectedSteps());
        assertBitwiseEqual(kept, replayed, "Van der Pol");
        // and both are the derivative, up to the step-size choices the adjoint holds fixed (central
        // differences let the controller move the steps: an O(rtol) difference, 1.4e-4 here)
        double eps = 1e-5;
        double up = Ode.gradient(vdp, new double[] {8 + eps}, times, loss, SensitivityMethod.DISCRETE_ADJOINT, o).value();
        double down = Ode.gradient(vdp, new double[] {8 - eps}, times, loss, SensitivityMethod.DISCRETE_ADJOINT, o).value();
        assertEquals((up - down) / (2 * eps), kept.gradient()[0], 1e-3 * Math.abs(kept.gradient()[0]));
    }

    private static void assertBitwiseEqual(LossGradient a, LossGradient b, String what) {
        assertEquals(Double.doubleToRawLongBits(a.value()), Double.doubleToRawLongBits(b.value()), what + ": loss");
        assertEquals(a.gradient().length, b.gradient().length);
        for (int q = 0; q < a.gradient().length; q++) {
            assertEquals(Double.doubleToRawLongBits(a.gradient()[q]), Double.doubleToRawLongBits(b.gradient()[q]),
                    what + ": dL/dp[" + q + "] " + a.gradient()[q] + " vs " + b.gradient()[q]);
        }
        for (int i = 0; i < a.initialStateGradient().length; i++) {
            assertEquals(Double.doubleToRawLongBits(a.initialStateGradient()[i]),
                    Double.doubleToRawLongBits(b.initialStateGradient()[i]), what + ": dL/dy0[" + i + "]");
        }
    }

    @Test
    void continuousAdjointMemoryIsBoundedToo() {
        int budget = 16;
        LossGradient g = Ode.gradient(Problems.lotkaVolterra(), Problems.LV_PARAMS, TIMES, LOSS,
                SensitivityMethod.CONTINUOUS_ADJOINT,
                SolverOptions.DEFAULT.withTolerances(1e-11, 1e-11).withMaxCheckpoints(budget));
        Statistics s = g.statistics();
        System.out.println("continuous adjoint: " + s);
        assertTrue(s.checkpoints() <= budget);
        // per replayed step: its start state and its 7 stages for dense output
        assertTrue(s.peakStoredStates() <= budget + (2 * s.steps() / budget + 1) * (1 + STAGES),
                "peak " + s.peakStoredStates());
        assertTrue(s.peakStoredStates() < s.steps() * (1 + STAGES) / 4);
        assertTrue(s.backwardSteps() > 0);
    }
}
