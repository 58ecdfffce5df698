package dev.leibniz.ode;

import java.util.Arrays;
import java.util.List;

/**
 * The gradient of a loss on the outputs of a {@link HybridProblem}, two ways.
 *
 * <p><b>Forward</b>: the sensitivities S_k = dy(t_k)/dp, exact across the jumps (S⁺ = M S⁻ + N,
 * see {@link EventRun}), chained with the loss's partials: dL/dp = ∂L/∂p + Σ_k (∂L/∂y_k) S_k.
 *
 * <p><b>Discrete adjoint</b>: the solve is a chain of segments (ordinary solves from a fixed start
 * time and state) joined by jumps. Backward through it, with λ the cotangent of the state and μ
 * the accumulated parameter gradient: at each jump λ⁻ = Mᵀλ⁺ and μ += Nᵀλ⁺; across each segment
 * the segment's own discrete adjoint ({@link DiscreteAdjoint}) of the linear loss
 * Σ_k (∂L/∂y_k)·y_k + λ·y(end) gives μ += its parameter gradient and the new λ = its gradient with
 * respect to the start state; at t₀, μ += (∂y₀/∂p)ᵀλ. The segments are solved again, from the
 * start states the forward solve recorded, to the event times it located, so the adjoint is the
 * exact derivative of those discrete solves; it and the forward sensitivities agree to the
 * solver's tolerance. Costs one backward solve per segment, however many parameters.
 */
final class EventAdjoint {
    private EventAdjoint() {
    }

    static LossGradient forward(HybridProblem hp, double[] params, double[] times, TrajectoryLoss loss,
                                SolverOptions options) {
        HybridSolution hs = hp.forwardSensitivities(params, times, options);
        Solution sol = hs.solution();
        Sensitivities se = hs.sensitivities();
        int n = hp.problem().stateCount();
        int p = hp.problem().parameterCount();
        double[][] dStates = new double[sol.size()][n];
        double[] dp = new double[p];
        double value = evaluate(loss, sol, params, dStates, dp);
        double[] dy0 = new double[n];
        for (int k = 0; k < sol.size(); k++) {
            double[][] s = se.withRespectToParameters(k);
            double[][] y = se.withRespectToInitialState(k);
            for (int i = 0; i < n; i++) {
                double c = dStates[k][i];
                if (c == 0) {
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    dp[j] += c * s[i][j];
                }
                for (int m = 0; m < n; m++) {
                    dy0[m] += c * y[i][m];
                }
            }
        }
        return new LossGradient(value, dp, dy0, sol, SensitivityMethod.FORWARD, hp.problem().parameterNames());
    }

    static LossGradient discrete(HybridProblem hp, double[] params, double[] times, TrajectoryLoss loss,
                                 SolverOptions options) {
        EventRun run = new EventRun(hp, params, times, options, false);
        HybridSolution hs = run.go();
        Solution sol = hs.solution();
        OdeProblem problem = hp.problem();
        int n = problem.stateCount();
        int p = problem.parameterCount();
        double[][] dStates = new double[sol.size()][n];
        double[] mu = new double[p];
        double value = evaluate(loss, sol, params, dStates, mu);
        double[] lambda = new double[n];
        List<EventRun.Segment> segs = hs.segments();
        for (int s = segs.size() - 1; s >= 0; s--) {
            EventRun.Segment seg = segs.get(s);
            List<EventRun.Jump> jumps = seg.jumpsAfter();
            for (int q = jumps.size() - 1; q >= 0; q--) {
                EventRun.Jump jmp = jumps.get(q);
                if (jmp.event() < 0) {
                    continue; // a switch of the right-hand side: the state is continuous
                }
                EventJump lin = run.linearize(jmp.event(), jmp.time(), jmp.yMinus(), jmp.yPlus(), jmp.piece());
                double[] before = new double[n];
                for (int i = 0; i < n; i++) {
                    double li = lambda[i];
                    if (li == 0) {
                        continue;
                    }
                    for (int m = 0; m < n; m++) {
                        before[m] += lin.m()[i][m] * li;
                    }
                    for (int j = 0; j < p; j++) {
                        mu[j] += lin.nn()[i][j] * li;
                    }
                }
                lambda = before;
            }
            if (seg.y0() == null) {
                continue; // the start: only the jumps at t0
            }
            lambda = segment(run, hp, seg, sol, dStates, lambda, mu, options);
        }
        // through y₀(p)
        Setup s0 = run.setupFor(0);
        s0.foldInitial(lambda, mu);
        return new LossGradient(value, mu, lambda, sol, SensitivityMethod.DISCRETE_ADJOINT, problem.parameterNames());
    }

    /** The discrete adjoint of one segment: adds its parameter gradient to mu, returns λ at its start. */
    private static double[] segment(EventRun run, HybridProblem hp, EventRun.Segment seg, Solution sol,
                                    double[][] dStates, double[] lambdaEnd, double[] mu, SolverOptions options) {
        int outs = seg.to() - seg.from();
        boolean endMatters = Arrays.stream(lambdaEnd).anyMatch(v -> v != 0);
        if (!endMatters && outs == 0) {
            return lambdaEnd;
        }
        if (seg.end() == seg.start()) {
            // outputs at the start itself: the state there is y0 of the segment
            double[] l = lambdaEnd.clone();
            for (int k = seg.from(); k < seg.to(); k++) {
                for (int i = 0; i < l.length; i++) {
                    l[i] += dStates[k][i];
                }
            }
            return l;
        }
        OdeProblem piece = hp.piece(seg.piece());
        OdeProblem segProblem = OdeProblem.of(piece.rhs(), piece.stateNames().toArray(new String[0]),
                piece.parameterNames().toArray(new String[0]), seg.start(), seg.y0());
        double[] segTimes = new double[outs + 1];
        for (int k = 0; k < outs; k++) {
            segTimes[k] = sol.time(seg.from() + k);
        }
        segTimes[outs] = seg.end();
        TrajectoryLoss linear = (ts, states, ps, dS, dP) -> {
            double v = 0;
            for (int k = 0; k <= outs; k++) {
                double[] c = k < outs ? dStates[seg.from() + k] : lambdaEnd;
                for (int i = 0; i < c.length; i++) {
                    dS[k][i] = c[i];
                    v += c[i] * states[k][i];
                }
            }
            return v;
        };
        LossGradient g = Ode.gradient(segProblem, run.parameters(), segTimes, linear,
                SensitivityMethod.DISCRETE_ADJOINT, options);
        double[] dp = g.gradient();
        for (int j = 0; j < mu.length; j++) {
            mu[j] += dp[j];
        }
        return g.initialStateGradient();
    }

    private static double evaluate(TrajectoryLoss loss, Solution sol, double[] params, double[][] dStates,
                                   double[] dParams) {
        double v = loss.evaluate(sol.times(), sol.states(), params.clone(), dStates, dParams);
        if (!Double.isFinite(v)) {
            throw new OdeException("the loss is " + v + " on the computed solution", OdeException.Reason.NON_FINITE_STATE,
                    sol.size() == 0 ? Double.NaN : sol.time(sol.size() - 1), Double.NaN, null);
        }
        return v;
    }
}
