package dev.leibniz.ode;

import dev.leibniz.ode.internal.AdjointSystem;
import dev.leibniz.ode.internal.Counters;
import dev.leibniz.ode.internal.ErrorNorm;
import dev.leibniz.ode.internal.Integrator;
import dev.leibniz.ode.internal.StateSystem;
import dev.leibniz.ode.internal.Stepper;

/**
 * The continuous adjoint (see {@link SensitivityMethod#CONTINUOUS_ADJOINT}). With
 * λ(t_K) = ∂L/∂y(t_K) and μ(t_K) = 0, solve backward
 * <pre>  λ' = −(∂f/∂y)ᵀλ,   μ' = −(∂f/∂p)ᵀλ,   λ(t_k) += ∂L/∂y(t_k) at every output time,</pre>
 * then ∂L/∂y₀ = λ(t₀) and dL/dp = μ(t₀) + (∂y₀/∂p)ᵀλ(t₀) + ∂L/∂p.
 *
 * <p>y(t) on the way back comes from the forward solve, not from integrating the state backward
 * (which is unstable for dissipative systems and does not retrace the forward trajectory): the
 * forward pass keeps checkpoints ({@link Checkpoints}), and each segment is replayed with its
 * dense output stored ({@link DenseSegment}) before the adjoint crosses it. The backward solve
 * uses the same method and tolerances as the forward one, with error control on λ and μ. Its
 * accuracy is limited by both solves' tolerances and by the interpolant (the tableau's
 * {@link ButcherTableau#denseOrder()}: 4 for Dormand–Prince and Tsitouras, 3 for Bogacki–Shampine;
 * 2 for the Rosenbrock method, 3 for the Hermite interpolant of the fixed-step methods).
 */
final class ContinuousAdjoint {
    private ContinuousAdjoint() {
    }

    static LossGradient gradient(Setup s, TrajectoryLoss loss) {
        int n = s.n;
        int p = s.p;
        StateSystem sys = new StateSystem(s.f, s.states);
        Stepper fwdStepper = s.stepper(sys);
        Integrator integ = s.integrator(sys, fwdStepper, s.initialState(), n);
        Checkpoints cps = new Checkpoints(integ, s.options.maxCheckpoints());
        double[][] out = cps.run();
        int forwardSteps = s.counters.steps;
        int forwardRejected = s.counters.rejected;
        double[][] states = new double[out.length][];
        for (int k = 0; k < out.length; k++) {
            states[k] = out[k].clone();
        }
        double[][] dStates = new double[out.length][n];
        double[] dp = new double[p];
        double value = s.loss(loss, states, dStates, dp);

        double[] times = s.times;
        double[] u = new double[n + p];
        int kOut = times.length - 1;
        double tc = times[kOut];
        while (kOut >= 0 && times[kOut] == tc) {
            DiscreteAdjoint.add(u, dStates[kOut]);
            kOut--;
        }
        DenseSegment seg = new DenseSegment(fwdStepper, n);
        AdjointSystem adj = new AdjointSystem(s.f, s.states, s.paramNames, seg);
        Counters back = new Counters();
        ErrorNorm norm = new ErrorNorm(s.options.relativeTolerance(), s.options.absoluteTolerance(), n + p);
        double h = 0;
        int peak = 0;
        int held = cps.held();
        for (int i = cps.segments() - 1; i >= 0; i--) {
            if (cps.segmentEnd(i) == cps.segmentStart(i)) {
                continue;
            }
            seg.clear();
            cps.replay(i, seg);
            peak = Math.max(peak, (i + 1) + seg.storedStates());
            double a = seg.start();
            while (tc > a) {
                double stop = kOut >= 0 && times[kOut] > a ? times[kOut] : a;
                if (stop < tc) {
                    Stepper st = s.stepper(adj);
                    Integrator bi = new Integrator(adj, st, norm, s.fixedStep(), h, s.options.maxStep(),
                            s.options.maxSteps(), -tc, u, new double[] {-stop}, back);
                    u = bi.run()[0];
                    h = s.options.method().isAdaptive() ? bi.proposedStep() : 0;
                    tc = stop;
                }
                while (kOut >= 0 && times[kOut] == tc) {
                    DiscreteAdjoint.add(u, dStates[kOut]);
                    kOut--;
                }
            }
        }
        double[] lambda = new double[n];
        System.arraycopy(u, 0, lambda, 0, n);
        DiscreteAdjoint.checkFinite(s, lambda, java.util.Arrays.copyOfRange(u, n, n + p), tc, h);
        for (int q = 0; q < p; q++) {
            dp[q] += u[n + q];
        }
        s.foldInitial(lambda, dp);
        s.counters.steps = forwardSteps;
        s.counters.rejected = forwardRejected;
        Statistics stats = Statistics.of(s.counters).withAdjoint(held, peak, cps.replayedSteps(), back.steps);
        Solution sol = s.solution(states).withStatistics(stats);
        return new LossGradient(value, dp, lambda, sol, SensitivityMethod.CONTINUOUS_ADJOINT, s.problem.parameterNames());
    }
}
