package dev.leibniz.ode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every discrete adjoint does around its backward sweep, written once: after the forward
 * pass, the loss and its cotangents ∂L/∂y(t_k) and ∂L/∂p; at the end, the chain through the
 * initial state (ȳ₀ → p̄), the statistics of the forward solve (the replays count their steps
 * again, so the forward pass's counts, per method too, are put back), and the result.
 */
final class AdjointPass {
    private final Setup s;
    private final double[][] states;
    /** ∂L/∂y at each output time: the seeds of the backward sweep. */
    final double[][] dStates;
    /** ∂L/∂p, to which the sweep adds its p̄. */
    final double[] dp;
    private final double value;
    private final int forwardSteps;
    private final int forwardRejected;
    private final Map<String, Integer> forwardByMethod;

    /** Right after the forward pass that produced {@code states}, the states at the output times. */
    AdjointPass(Setup s, double[][] states, TrajectoryLoss loss) {
        this.s = s;
        this.states = states;
        this.forwardSteps = s.counters.steps;
        this.forwardRejected = s.counters.rejected;
        this.forwardByMethod = new LinkedHashMap<>(s.counters.stepsByMethod);
        this.dStates = new double[states.length][s.n];
        this.dp = new double[s.p];
        this.value = s.loss(loss, states, dStates, dp);
    }

    /**
     * The gradient, once the sweep has left ȳ₀ in {@code ybar} and its p̄ in {@link #dp}:
     * folds the initial state's dependence on the parameters in, and reports the forward solve's
     * statistics with the adjoint's memory ({@code peak} state vectors) and replayed steps.
     */
    LossGradient finish(Checkpoints cps, int peak, double[] ybar) {
        s.foldInitial(ybar, dp);
        s.counters.steps = forwardSteps;
        s.counters.rejected = forwardRejected;
        s.counters.stepsByMethod.clear();
        s.counters.stepsByMethod.putAll(forwardByMethod);
        Statistics stats = Statistics.of(s.counters).withAdjoint(cps.held(), peak, cps.replayedSteps(), 0);
        Solution sol = s.solution(states).withStatistics(stats);
        return new LossGradient(value, dp, ybar.clone(), sol, SensitivityMethod.DISCRETE_ADJOINT,
                s.problem.parameterNames());
    }
}
