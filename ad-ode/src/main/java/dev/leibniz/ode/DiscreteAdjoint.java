package dev.leibniz.ode;

import dev.leibniz.ode.internal.ExplicitRungeKutta;
import dev.leibniz.ode.internal.Integrator;
import dev.leibniz.ode.internal.OdeSystem;
import dev.leibniz.ode.internal.RhsFunction;
import dev.leibniz.ode.internal.StateSystem;
import java.util.Arrays;

/**
 * The discrete adjoint: reverse mode through the accepted steps of an explicit Runge–Kutta
 * solve (see {@link SensitivityMethod#DISCRETE_ADJOINT}). For a step
 * <pre>  Y_i = y + h Σ_{j&lt;i} a_ij k_j,  k_i = f(t + c_i h, Y_i, p),  y₁ = y + h Σ b_i k_i,</pre>
 * and an output inside it by dense output {@code y(θ) = y + h Σ b_i(θ) k_i}, the adjoint runs the
 * stages backward:
 * <pre>
 *   k̄_i = h b_i ȳ₁ + h Σ_outputs b_i(θ) ȳ(θ)
 *   for i = s−1 … 0:  (Ȳ_i, p̄_i) = VJP of f at stage i with k̄_i;  k̄_j += h a_ij Ȳ_i (j &lt; i);  p̄ += p̄_i
 *   ȳ = ȳ₁ + Σ_i Ȳ_i + Σ_outputs ȳ(θ)
 * </pre>
 * Step sizes (chosen by the controller) are treated as constants, as every discrete adjoint
 * does; the result is the exact derivative of the computed outputs for that step sequence.
 * The steps (start state, time, size, outputs covered) come from the forward pass itself when at
 * most {@link SolverOptions#maxCheckpoints()} were taken ({@link #maxKeptSteps}), else from
 * replaying each checkpointed segment ({@link Checkpoints}); either way the same bits.
 * Stages are recomputed per step from the step's start state, keeping
 * each stage's node values, so that its VJP is one reverse sweep with no forward sweep of its own
 * (held per step: s arrays of the right-hand side's node count, in place of s stage inputs).
 *
 * <p>The work is in named steps: {@link #gradient} runs the forward pass and the loss, then
 * {@link Sweep} walks the segments backward ({@link Sweep#segment}), each step backward
 * ({@link Sweep#step}): seed the stage cotangents from the outputs inside the step and from the
 * step's result ({@link Sweep#seed}), then pull them through the recomputed stages
 * ({@link Sweep#stagesBackward}).
 */
final class DiscreteAdjoint {
    private DiscreteAdjoint() {
    }

    static LossGradient gradient(Setup s, TrajectoryLoss loss) {
        RosenbrockTableau rosenbrock = RosenbrockAdjoint.tableauOf(s.options.method());
        if (rosenbrock != null) {
            return RosenbrockAdjoint.gradient(s, rosenbrock, loss);
        }
        if (s.options.method() == Method.RADAU5) {
            return RadauAdjoint.gradient(s, loss);
        }
        if (s.options.method() == Method.AUTO) {
            return SwitchAdjoint.gradient(s, loss);
        }
        if (s.options.method() == Method.ROSENBROCK) {
            return Rosenbrock23Adjoint.gradient(s, loss);
        }
        ButcherTableau tab = s.options.method().tableau();
        StateSystem sys = new StateSystem(s.f, s.states);
        Integrator integ = s.integrator(sys, s.stepper(sys), s.initialState(), s.n);
        Checkpoints cps = new Checkpoints(integ, s.options.maxCheckpoints());
        StepRecord rec = new StepRecord(s.n, false);
        double[][] states = copyRows(cps.run(rec, maxKeptSteps(s.options)));
        AdjointPass pass = new AdjointPass(s, states, loss);
        double[][] dStates = pass.dStates;
        double[] dp = pass.dp;

        Sweep sweep = new Sweep(s, tab, sys, dStates, rec);
        int peak = sweep.run(cps);
        double[] ybar = sweep.initialStateAdjoint();
        for (int q = 0; q < s.p; q++) {
            dp[q] += sweep.pbar[q];
        }
        return pass.finish(cps, peak, ybar);
    }

    /**
     * How many step records the forward pass may keep to spare the backward pass its replay: as
     * many as the checkpoint budget C ({@link SolverOptions#maxCheckpoints()}), the state
     * vectors the user allowed the adjoint to hold. A solve of at most C steps has a checkpoint at
     * every step anyway, and keeps its steps at five scalars each beside them (the start states
     * are the checkpoints'); a longer one falls back to checkpoints and replay (C + 2N/C state
     * vectors, every step computed twice).
     */
    static int maxKeptSteps(SolverOptions o) {
        return o.maxCheckpoints();
    }

    /** A deep copy of the rows (the states at the output times, kept for the loss and the solution). */
    static double[][] copyRows(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            out[k] = rows[k].clone();
        }
        return out;
    }

    /**
     * The backward pass and its working arrays (allocated once): ȳ (the adjoint of the state at
     * the current step boundary), p̄, the stage cotangents k̄_i, the recomputed stage inputs Y_i.
     */
    static final class Sweep {
        private final Setup s;
        private final ButcherTableau tab;
        private final double[][] dStates;
        private final ExplicitRungeKutta rk;
        private final KeepingSystem stages;
        private final int st;
        private final double[][] kbar;
        /** ȳ, read and handed over by {@link SwitchAdjoint} at a switch of method. */
        final double[] ybar;
        final double[] pbar;
        /** Output cotangents that reach y directly (y(θ) = y + …), added after the step's seed. */
        private final double[] ybarOutputs;
        /** Ȳ_i of the stage being pulled back. */
        private final double[] ybarStage;
        private final double[] theta;
        final StepRecord rec;

        /** A sweep that fills its own step record by replaying segments (as {@link SwitchAdjoint} does). */
        Sweep(Setup s, ButcherTableau tab, StateSystem sys, double[][] dStates) {
            this(s, tab, sys, dStates, new StepRecord(s.n, false));
        }

        Sweep(Setup s, ButcherTableau tab, StateSystem sys, double[][] dStates, StepRecord rec) {
            this.s = s;
            this.tab = tab;
            this.dStates = dStates;
            this.st = tab.stages();
            this.stages = new KeepingSystem(s.f, sys, st);
            this.rk = new ExplicitRungeKutta(tab, stages);
            int n = s.n;
            this.kbar = new double[st][n];
            this.ybar = new double[n];
            this.pbar = new double[s.p];
            this.ybarOutputs = new double[n];
            this.ybarStage = new double[n];
            this.theta = new double[st];
            this.rec = rec;
        }

        /**
         * Every step from the last to the first: straight from the forward pass's records when it
         * kept them all, else segment by segment from the last to the first. Returns the peak
         * number of state vectors held.
         */
        int run(Checkpoints cps) {
            if (cps.keptAllSteps()) {
                for (int m = rec.count - 1; m >= 0; m--) {
                    step(m);
                }
                // the kept steps' start states are the checkpoints' (shared), plus the stages
                return cps.held() + st;
            }
            int peak = 0;
            for (int seg = cps.segments() - 1; seg >= 0; seg--) {
                peak = Math.max(peak, segment(cps, seg));
            }
            return peak;
        }

        /** Replays one segment and runs its steps backward; returns the state vectors held meanwhile. */
        int segment(Checkpoints cps, int seg) {
            rec.clear();
            cps.replay(seg, rec);
            int held = (seg + 1) + rec.count + st;
            for (int m = rec.count - 1; m >= 0; m--) {
                step(m);
            }
            return held;
        }

        /** One step backward: ȳ at its end becomes ȳ at its start, p̄ gathers the step's share. */
        void step(int m) {
            double t = rec.t[m];
            double h = rec.h[m];
            seed(m, t, h);
            rk.reset();
            stages.next = 0;
            rk.computeStages(t, rec.y[m], h, null);
            stagesBackward(h);
            checkFinite(s, ybar, pbar, t, h);
        }

        /**
         * k̄_i from the outputs inside the step (dense output weights b_i(θ)) and from the step's
         * result (weights b_i); ȳ then starts as ȳ₁ plus the outputs' direct share.
         */
        private void seed(int m, double t, double h) {
            double[] times = s.times;
            double[] b = tab.b();
            if (rec.outFrom[m] == rec.outTo[m]) {
                // no output inside the step (most steps): k̄_i = h b_i ȳ₁ written at once, not 0 + h b_i ȳ₁;
                // the two differ only in the sign of a zero, which no later use tells apart (a zero
                // cotangent is skipped, and the tape seeds a VJP by adding to +0)
                for (int i = 0; i < st; i++) {
                    scale(kbar[i], h * b[i], ybar);
                }
                return;
            }
            for (double[] row : kbar) {
                Arrays.fill(row, 0.0);
            }
            for (int k = rec.outFrom[m]; k < rec.outTo[m]; k++) {
                if (times[k] == rec.tNew[m]) {
                    add(ybar, dStates[k]);
                } else {
                    tab.denseWeights((times[k] - t) / h, theta);
                    for (int i = 0; i < st; i++) {
                        axpy(kbar[i], h * theta[i], dStates[k]);
                    }
                    // y(θ) = y + …: the state itself receives the output cotangent directly
                    add(ybarOutputs, dStates[k]);
                }
            }
            for (int i = 0; i < st; i++) {
                axpy(kbar[i], h * b[i], ybar);
            }
            add(ybar, ybarOutputs);
            Arrays.fill(ybarOutputs, 0.0);
        }

        /** The stages in reverse: one VJP of f per stage with a nonzero cotangent. */
        private void stagesBackward(double h) {
            double[][] a = tab.a();
            for (int i = st - 1; i >= 0; i--) {
                if (isZero(kbar[i])) {
                    continue;
                }
                Arrays.fill(ybarStage, 0.0);
                s.f.vjpAt(stages.values[i], kbar[i], 0, ybarStage, 0, pbar, 0);
                add(ybar, ybarStage);
                for (int j = 0; j < i; j++) {
                    if (a[i][j] != 0) {
                        axpy(kbar[j], h * a[i][j], ybarStage);
                    }
                }
            }
        }

        /** ȳ at t₀, with the cotangents of outputs at t₀ itself (which no step covers). */
        double[] initialStateAdjoint() {
            double[] times = s.times;
            for (int k = 0; k < times.length && times[k] == s.problem.startTime(); k++) {
                add(ybar, dStates[k]);
            }
            return ybar;
        }
    }

    /**
     * The state equation for the stages recomputed backward: stage i's evaluation (the stepper
     * evaluates them in order, from a reset) keeps its node values in {@code values[i]}.
     */
    private static final class KeepingSystem implements OdeSystem {
        private final RhsFunction f;
        private final OdeSystem names;
        final double[][] values;
        int next;

        KeepingSystem(RhsFunction f, OdeSystem names, int stages) {
            this.f = f;
            this.names = names;
            this.values = new double[stages][f.nodeCount()];
        }

        @Override
        public int dimension() {
            return f.stateCount();
        }

        @Override
        public void derivative(double t, double[] u, double[] du) {
            f.evalKeeping(t, u, 0, du, 0, values[next++]);
        }

        @Override
        public String componentName(int i) {
            return names.componentName(i);
        }
    }

    static void checkFinite(Setup s, double[] ybar, double[] pbar, double t, double h) {
        for (int i = 0; i < ybar.length; i++) {
            if (!Double.isFinite(ybar[i])) {
                String name = "adjoint of " + s.states[i];
                throw new OdeException("non-finite " + name + " = " + ybar[i] + " on the backward pass at t = " + t
                        + " (step " + h + ")", OdeException.Reason.NON_FINITE_SENSITIVITY, t, h, name);
            }
        }
        for (int q = 0; q < pbar.length; q++) {
            if (!Double.isFinite(pbar[q])) {
                String name = "adjoint of " + s.paramNames[q];
                throw new OdeException("non-finite " + name + " = " + pbar[q] + " on the backward pass at t = " + t
                        + " (step " + h + ")", OdeException.Reason.NON_FINITE_SENSITIVITY, t, h, name);
            }
        }
    }

    /** a[0..b.length) += b. */
    static void add(double[] a, double[] b) {
        for (int i = 0; i < b.length; i++) {
            a[i] += b[i];
        }
    }

    /** a = s·x; all zeros when s = 0 (as {@link #axpy} into zeros leaves them). */
    static void scale(double[] a, double s, double[] x) {
        if (s == 0) {
            Arrays.fill(a, 0.0);
            return;
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = s * x[i];
        }
    }

    static void axpy(double[] a, double s, double[] x) {
        if (s == 0) {
            return;
        }
        for (int i = 0; i < a.length; i++) {
            a[i] += s * x[i];
        }
    }

    private static boolean isZero(double[] v) {
        for (double x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
