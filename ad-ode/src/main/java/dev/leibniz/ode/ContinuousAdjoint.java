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
        if (!s.options.method().hasAdjoint()) {
            throw new OdeException("the continuous adjoint is not available for the " + s.options.method().id()
                    + " method; use SensitivityMethod.DISCRETE_ADJOINT or FORWARD with it, or --method rodas5p"
                    + " (Method.RODAS5P) for the continuous adjoint");
        }
        int n = s.n;
        int p = s.p;
        StateSystem sys = new StateSystem(s.f, s.states);
        Stepper fwdStepper = s.stepper(sys);
        Integrator integ = s.integrator(sys, fwdStepper, s.initialState(), n);
        Checkpoints cps = new Checkpoints(integ, s.options.maxCheckpoints());
        double[][] states = DiscreteAdjoint.copyRows(cps.run());
        int forwardSteps = s.counters.steps;
        int forwardRejected = s.counters.rejected;
        var forwardByMethod = new java.util.LinkedHashMap<>(s.counters.stepsByMethod);
        double[][] dStates = new double[states.length][n];
        double[] dp = new double[p];
        double value = s.loss(loss, states, dStates, dp);

        int held = cps.held();
        Sweep sweep = new Sweep(s, fwdStepper, dStates);
        sweep.run(cps);
        double[] u = sweep.u;
        double[] lambda = new double[n];
        System.arraycopy(u, 0, lambda, 0, n);
        DiscreteAdjoint.checkFinite(s, lambda, java.util.Arrays.copyOfRange(u, n, n + p), sweep.tc, sweep.h);
        for (int q = 0; q < p; q++) {
            dp[q] += u[n + q];
        }
        s.foldInitial(lambda, dp);
        // the statistics report the forward solve; the replay's and the backward solve's steps are counted apart
        s.counters.steps = forwardSteps;
        s.counters.rejected = forwardRejected;
        s.counters.stepsByMethod.clear();
        s.counters.stepsByMethod.putAll(forwardByMethod);
        Statistics stats = Statistics.of(s.counters).withAdjoint(held, sweep.peak, cps.replayedSteps(), sweep.back.steps);
        Solution sol = s.solution(states).withStatistics(stats);
        return new LossGradient(value, dp, lambda, sol, SensitivityMethod.CONTINUOUS_ADJOINT, s.problem.parameterNames());
    }

    /**
     * The backward solve of u = (λ, μ) from the last output time to t₀. It walks the forward
     * pass's checkpoint segments from the last ({@link #run}), replays each with its dense output
     * stored, and integrates the adjoint system across it ({@link #cross}), stopping at every
     * output time inside to add the jump ∂L/∂y(t_k) ({@link #addJumps}).
     */
    private static final class Sweep {
        private final Setup s;
        private final double[][] dStates;
        private final double[] times;
        private final DenseSegment seg;
        private final AdjointSystem adj;
        private final ErrorNorm norm;
        /** The backward solves' step counts. */
        final Counters back = new Counters();
        /** (λ, μ) at {@link #tc}. */
        double[] u;
        /** The time u has reached, from the last output time down to t₀. */
        double tc;
        /** The step the last backward solve proposed, to start the next one with (0: automatic). */
        double h;
        /** The most states held at once: checkpoints plus the replayed segment's stored states. */
        int peak;
        /** The last output time whose jump is still to be added (counting down; −1 when all are added). */
        private int kOut;

        /** Starts at the last output time with the jumps of the outputs there: λ = ∂L/∂y(t_K), μ = 0. */
        Sweep(Setup s, Stepper fwdStepper, double[][] dStates) {
            this.s = s;
            this.dStates = dStates;
            this.times = s.times;
            this.u = new double[s.n + s.p];
            this.kOut = times.length - 1;
            this.tc = times[kOut];
            addJumps();
            this.seg = new DenseSegment(fwdStepper, s.n);
            this.adj = new AdjointSystem(s.f, s.states, s.paramNames, seg);
            // λ and μ have units of their own: the scalar absolute tolerance, not the states' ones
            this.norm = new ErrorNorm(s.options.relativeTolerance(), s.options.absoluteTolerance(), null, s.n + s.p,
                    s.options.norm());
        }

        /** Crosses every segment of steps from the last to the first (an empty segment has nothing to cross). */
        void run(Checkpoints cps) {
            for (int i = cps.segments() - 1; i >= 0; i--) {
                if (cps.segmentEnd(i) == cps.segmentStart(i)) {
                    continue;
                }
                seg.clear();
                cps.replay(i, seg);
                peak = Math.max(peak, (i + 1) + seg.storedStates());
                cross(seg.start());
            }
        }

        /** Solves back to {@code a}, the start of the replayed segment, stopping at each output time on the way. */
        private void cross(double a) {
            while (tc > a) {
                double stop = kOut >= 0 && times[kOut] > a ? times[kOut] : a;
                if (stop < tc) {
                    solveTo(stop);
                }
                addJumps();
            }
        }

        /**
         * One backward solve from tc to {@code stop}, in reversed time −t (so the integrator
         * steps forward) with the forward method and tolerances, error control on λ and μ, and
         * the step the last solve proposed.
         */
        private void solveTo(double stop) {
            Stepper st = s.stepper(adj);
            Integrator bi = new Integrator(adj, st, norm, s.fixedStep(), h, s.options.maxStep(),
                    s.options.maxSteps(), -tc, u, new double[] {-stop}, back, s.options.method());
            u = bi.run()[0];
            h = s.options.method().isAdaptive() ? bi.proposedStep() : 0;
            tc = stop;
        }

        /** λ += ∂L/∂y(t_k) for every output time t_k equal to tc (an output time may repeat). */
        private void addJumps() {
            while (kOut >= 0 && times[kOut] == tc) {
                DiscreteAdjoint.add(u, dStates[kOut]);
                kOut--;
            }
        }
    }
}
