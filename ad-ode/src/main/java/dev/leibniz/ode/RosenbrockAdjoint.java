package dev.leibniz.ode;

import dev.leibniz.ode.internal.Integrator;
import dev.leibniz.ode.internal.ShiftedSolver;
import dev.leibniz.ode.internal.StateSystem;
import java.util.Arrays;

/**
 * The discrete adjoint of a Rosenbrock method ({@link RosenbrockTableau}): reverse mode through
 * the accepted steps, the exact transpose of the stage recursion. A step from (t, y) with
 * J = ∂f/∂y, T = ∂f/∂t at (t, y, p) and M = I − hγJ is
 * <pre>
 *   U_i = y + Σ_{j&lt;i} a_ij k_j,   r_i = f(t + c_i h, U_i, p) + Σ_{j&lt;i} (C_ij/h) k_j + h d_i T,
 *   M k_i = hγ r_i,   y₁ = y + Σ b_i k_i,   y(θ) = y + Σ ω_i(θ) k_i (dense output).
 * </pre>
 * Differentiating M k_i = hγ r_i gives dk_i = hγ M⁻¹ (dr_i + dJ·k_i), so with r̄_i = hγ M⁻ᵀ k̄_i the
 * stages run backward as
 * <pre>
 *   for i = s−1 … 0:  r̄_i = hγ M⁻ᵀ k̄_i
 *     (Ū_i, p̄) += VJP of f at (t + c_i h, U_i) with r̄_i;   ȳ += Ū_i;   k̄_j += a_ij Ū_i + (C_ij/h) r̄_i
 *     (ȳ, p̄) += ∇_(y,p) [ r̄_iᵀ (J k_i + h d_i T) ]       (k_i, r̄_i held fixed)
 * </pre>
 * after seeding k̄_i = b_i ȳ₁ + Σ_outputs ω_i(θ) ȳ(θ). The last line is second order: the VJP of
 * f's JVP in the direction (ṫ, ẏ, ṗ) = (h d_i, k_i, 0), taken on ad-core's {@link ForwardMode}
 * graph of f, so no derivative is written here; the transposed solves use a factorization of
 * I − hγJᵀ. Step sizes are constants, as in every discrete adjoint: the result is the exact
 * derivative of the computed outputs for the step sequence the controller chose (the stage
 * solves' refinement only changes rounding and is not differentiated).
 *
 * <p>Cost per step on the backward pass, against one forward step (one J, one LU, s solves):
 * two Jacobians and two LUs (of M and of Mᵀ), s solves and s transposed solves, s VJPs of f and
 * s VJPs of its JVP graph, after replaying the segment from its checkpoint ({@link Checkpoints}).
 */
final class RosenbrockAdjoint {
    private RosenbrockAdjoint() {
    }

    /** The tableau of a method this adjoint differentiates, or null. */
    static RosenbrockTableau tableauOf(Method m) {
        return switch (m) {
            case RODAS5P -> RosenbrockTableau.RODAS5P;
            case RODAS4 -> RosenbrockTableau.RODAS4;
            default -> null;
        };
    }

    static LossGradient gradient(Setup s, RosenbrockTableau tab, TrajectoryLoss loss) {
        StateSystem sys = new StateSystem(s.f, s.states);
        Integrator integ = s.integrator(sys, s.stepper(sys), s.initialState(), s.n);
        Checkpoints cps = new Checkpoints(integ, s.options.maxCheckpoints());
        double[][] states = DiscreteAdjoint.copyRows(cps.run());
        AdjointPass pass = new AdjointPass(s, states, loss);
        double[][] dStates = pass.dStates;
        double[] dp = pass.dp;

        Sweep sweep = new Sweep(s, tab, dStates);
        int peak = 0;
        for (int seg = cps.segments() - 1; seg >= 0; seg--) {
            peak = Math.max(peak, sweep.segment(cps, seg));
        }
        double[] ybar = sweep.initialStateAdjoint();
        for (int q = 0; q < s.p; q++) {
            dp[q] += sweep.pbar[q];
        }
        return pass.finish(cps, peak, ybar);
    }

    /** The backward pass and its working arrays, allocated once ({@link SwitchAdjoint} drives one too). */
    static final class Sweep {
        private final Setup s;
        private final RosenbrockTableau tab;
        private final double[][] dStates;
        private final int n;
        private final SecondOrderTerm secondOrder;
        private final int st;
        private final ShiftedSolver m;
        private final ShiftedSolver mT;
        /** f's JVP graph (ad-core {@link ForwardMode}) on a tape, with its work arrays. */
        private final double[][] k;
        private final double[][] u;
        private final double[] tdot;
        private final double[][] kbar;
        final double[] ybar;
        final double[] pbar;
        private final double[] ybarOutputs;
        private final double[] rbar;
        private final double[] ubar;
        private final double[] omega;
        final StepRecord rec;

        Sweep(Setup s, RosenbrockTableau tab, double[][] dStates) {
            this(s, tab, dStates, new StepRecord(s.n, false));
        }

        /** A sweep over the steps of {@code rec}, a record it shares with another method's sweep. */
        Sweep(Setup s, RosenbrockTableau tab, double[][] dStates, StepRecord rec) {
            this.s = s;
            this.tab = tab;
            this.dStates = dStates;
            this.n = s.n;
            this.st = tab.stages();
            this.m = s.f.shiftedSolver(false);
            this.mT = s.f.shiftedSolver(true);
            this.secondOrder = new SecondOrderTerm(s.problem);
            this.k = new double[st][n];
            this.u = new double[st][n];
            this.tdot = new double[n];
            this.kbar = new double[st][n];
            this.ybar = new double[n];
            this.pbar = new double[s.p];
            this.ybarOutputs = new double[n];
            this.rbar = new double[n];
            this.ubar = new double[n];
            this.omega = new double[st];
            this.rec = rec;
        }

        /** Replays one segment and runs its steps backward; returns the state vectors held meanwhile. */
        int segment(Checkpoints cps, int seg) {
            rec.clear();
            cps.replay(seg, rec);
            for (int i = rec.count - 1; i >= 0; i--) {
                step(i);
            }
            return (seg + 1) + rec.count + 2 * st;
        }

        /** One step backward: ȳ at its end becomes ȳ at its start, p̄ gathers the step's share. */
        void step(int idx) {
            double t = rec.t[idx];
            double h = rec.h[idx];
            double[] y = rec.y[idx];
            double hg = h * tab.gamma();
            stagesForward(t, y, h, hg);
            seed(idx, t, h);
            mT.update(t, y, 0);
            s.counters.factorizations++;
            mT.factor(hg, t);
            stagesBackward(t, y, h, hg);
            DiscreteAdjoint.checkFinite(s, ybar, pbar, t, h);
        }

        /** The step's stages as the forward pass computed them (same J, same refined solves). */
        private void stagesForward(double t, double[] y, double h, double hg) {
            m.update(t, y, 0);
            s.f.timeDerivative(t, y, 0, tdot, 0);
            s.counters.factorizations++;
            m.factor(hg, t);
            double[][] a = tab.a();
            double[][] cc = tab.cc();
            for (int i = 0; i < st; i++) {
                System.arraycopy(y, 0, u[i], 0, n);
                for (int j = 0; j < i; j++) {
                    DiscreteAdjoint.axpy(u[i], a[i][j], k[j]);
                }
                double[] ki = k[i];
                s.f.eval(t + tab.c()[i] * h, u[i], 0, ki, 0);
                DiscreteAdjoint.axpy(ki, h * tab.d()[i], tdot);
                for (int j = 0; j < i; j++) {
                    DiscreteAdjoint.axpy(ki, cc[i][j] / h, k[j]);
                }
                m.solveRefined(ki, 0);
                for (int q = 0; q < n; q++) {
                    ki[q] *= hg;
                }
            }
        }

        /** k̄_i from the outputs inside the step (weights ω_i(θ)) and from y₁ (weights b_i). */
        private void seed(int idx, double t, double h) {
            for (double[] row : kbar) {
                Arrays.fill(row, 0.0);
            }
            double[] times = s.times;
            for (int q = rec.outFrom[idx]; q < rec.outTo[idx]; q++) {
                if (times[q] == rec.tNew[idx]) {
                    DiscreteAdjoint.add(ybar, dStates[q]);
                } else {
                    denseWeights((times[q] - t) / h);
                    for (int i = 0; i < st; i++) {
                        DiscreteAdjoint.axpy(kbar[i], omega[i], dStates[q]);
                    }
                    DiscreteAdjoint.add(ybarOutputs, dStates[q]);
                }
            }
            double[] b = tab.b();
            for (int i = 0; i < st; i++) {
                DiscreteAdjoint.axpy(kbar[i], b[i], ybar);
            }
            DiscreteAdjoint.add(ybar, ybarOutputs);
            Arrays.fill(ybarOutputs, 0.0);
        }

        /** ω_i(θ) = θ b_i + θ(1 − θ) Σ_r θ^r dense[r][i], from y(θ) = (1 − θ)y + θ(y₁ + (1 − θ) Σ_r θ^r K_r). */
        private void denseWeights(double theta) {
            double[][] dense = tab.dense();
            for (int i = 0; i < st; i++) {
                double p = 0;
                for (int r = dense.length - 1; r >= 0; r--) {
                    p = dense[r][i] + theta * p;
                }
                omega[i] = theta * tab.b()[i] + theta * (1 - theta) * p;
            }
        }

        private void stagesBackward(double t, double[] y, double h, double hg) {
            double[][] a = tab.a();
            double[][] cc = tab.cc();
            for (int i = st - 1; i >= 0; i--) {
                if (isZero(kbar[i])) {
                    continue;
                }
                System.arraycopy(kbar[i], 0, rbar, 0, n);
                mT.solve(rbar, 0);
                for (int q = 0; q < n; q++) {
                    rbar[q] *= hg;
                }
                Arrays.fill(ubar, 0.0);
                s.f.vjp(t + tab.c()[i] * h, u[i], 0, rbar, 0, ubar, 0, pbar, 0);
                DiscreteAdjoint.add(ybar, ubar);
                for (int j = 0; j < i; j++) {
                    DiscreteAdjoint.axpy(kbar[j], a[i][j], ubar);
                    DiscreteAdjoint.axpy(kbar[j], cc[i][j] / h, rbar);
                }
                secondOrder(t, y, h * tab.d()[i], k[i]);
            }
        }

        /**
         * (ȳ, p̄) += ∇_(y,p) r̄ᵀ (J·k + τ T) at (t, y): one VJP of the JVP graph of f, tangent (τ, k, 0),
         * cotangent r̄ on its JVP outputs.
         */
        private void secondOrder(double t, double[] y, double tau, double[] dir) {
            s.counters.vjpEvaluations++;
            secondOrder.add(t, y, s.params, tau, dir, 1.0, rbar, ybar, pbar);
        }

        /** ȳ at t₀, with the cotangents of outputs at t₀ itself (which no step covers). */
        double[] initialStateAdjoint() {
            double[] times = s.times;
            for (int q = 0; q < times.length && times[q] == s.problem.startTime(); q++) {
                DiscreteAdjoint.add(ybar, dStates[q]);
            }
            return ybar;
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
}
