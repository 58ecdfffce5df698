package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Checkpointing: the adjoints' peak memory (counted in stored state vectors) is bounded by the
 * checkpoint budget plus one segment, not by the number of steps, and the replay from
 * checkpoints reproduces the forward steps exactly.
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
            assertTrue(s.checkpoints() <= budget, "checkpoints held " + s.checkpoints());
            // checkpoints + one segment (at most 2N/C steps) + the stages of the step being differentiated
            assertTrue(s.peakStoredStates() <= budget + 2 * n / budget + 1 + STAGES,
                    "peak " + s.peakStoredStates() + " for " + n + " steps");
            assertEquals(n, s.recomputedSteps(), "every step is replayed exactly once");
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
        // replay is bit-for-bit: any budget yields exactly the same numbers
        LossGradient all = discrete(1e-8, 1_000_000);
        assertEquals(all.statistics().steps(), all.statistics().checkpoints(),
                "an unbounded budget keeps every step: " + all.statistics());
        for (int budget : new int[] {2, 5, 64}) {
            LossGradient g = discrete(1e-8, budget);
            assertArrayEquals(all.gradient(), g.gradient(), 0.0, "budget " + budget);
            assertArrayEquals(all.initialStateGradient(), g.initialStateGradient(), 0.0, "budget " + budget);
            assertEquals(all.statistics().steps(), g.statistics().steps());
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
