package dev.leibniz.ode;

import dev.leibniz.ode.internal.Integrator;
import dev.leibniz.ode.internal.ShiftedSolver;
import dev.leibniz.ode.internal.StateSystem;
import java.util.Arrays;

/**
 * The discrete adjoint of the order-2 Rosenbrock method of Shampine–Reichelt ({@link Method#ROSENBROCK},
 * MATLAB's ode23s): reverse mode through its accepted steps. With d = 1/(2 + √2), W = I − hdJ,
 * J = ∂f/∂y and T = ∂f/∂t at (t, y, p), a step is
 * <pre>
 *   W k₁ = f(t, y) + hd T,   W v = f(t + h/2, y + h k₁/2) − k₁,   k₂ = k₁ + v,
 *   y₁ = y + h k₂,   y(θ) = y + h (w₁(θ) k₁ + w₂(θ) k₂)
 * </pre>
 * (the third stage only estimates the error). Since dW = −hd dJ, dk₁ = W⁻¹(df₀ + hd (dJ·k₁ + dT))
 * and dv = W⁻¹(df₁ − dk₁ + hd dJ·v), so from k̄₂ = h ȳ₁ + Σ h w₂ ȳ(θ), k̄₁ = Σ h w₁ ȳ(θ):
 * <pre>
 *   r̄_v = W⁻ᵀ k̄₂;  (Ȳ₁, p̄) += VJP of f at (t + h/2, y + h k₁/2) with r̄_v;  ȳ += Ȳ₁
 *   (ȳ, p̄) += hd ∇_(y,p) r̄_vᵀ J v;   k̄₁ += k̄₂ − r̄_v + (h/2) Ȳ₁
 *   r̄₁ = W⁻ᵀ k̄₁;  (ȳ, p̄) += VJP of f at (t, y) with r̄₁ + hd ∇_(y,p) r̄₁ᵀ (J k₁ + T)
 * </pre>
 * The products with J are differentiated as in {@link RosenbrockAdjoint}: one VJP of ad-core's
 * JVP graph of f ({@link ForwardMode}), tangent (τ, k, 0), so no derivative is written here. Step
 * sizes are constants: the result is the exact derivative of the computed outputs for the step
 * sequence the controller chose. Per backward step: the replay, one Jacobian and LU for the
 * stages, one of Wᵀ, two solves and two transposed solves, three VJPs.
 */
final class Rosenbrock23Adjoint {
    private static final double D = 1.0 / (2.0 + Math.sqrt(2.0));

    private Rosenbrock23Adjoint() {
    }

    static LossGradient gradient(Setup s, TrajectoryLoss loss) {
        StateSystem sys = new StateSystem(s.f, s.states);
        Integrator integ = s.integrator(sys, s.stepper(sys), s.initialState(), s.n);
        Checkpoints cps = new Checkpoints(integ, s.options.maxCheckpoints());
        double[][] states = DiscreteAdjoint.copyRows(cps.run());
        AdjointPass pass = new AdjointPass(s, states, loss);
        double[][] dStates = pass.dStates;
        double[] dp = pass.dp;

        Sweep sweep = new Sweep(s, dStates);
        int peak = 0;
        for (int seg = cps.segments() - 1; seg >= 0; seg--) {
            sweep.rec.clear();
            cps.replay(seg, sweep.rec);
            for (int i = sweep.rec.count - 1; i >= 0; i--) {
                sweep.step(i);
            }
            peak = Math.max(peak, (seg + 1) + sweep.rec.count + 4);
        }
        double[] ybar = sweep.ybar;
        for (int q = 0; q < s.times.length && s.times[q] == s.problem.startTime(); q++) {
            DiscreteAdjoint.add(ybar, dStates[q]);
        }
        for (int q = 0; q < s.p; q++) {
            dp[q] += sweep.pbar[q];
        }
        return pass.finish(cps, peak, ybar);
    }

    /** The backward pass and its working arrays, allocated once. */
    private static final class Sweep {
        private final Setup s;
        private final double[][] dStates;
        private final int n;
        private final SecondOrderTerm secondOrder;
        private final ShiftedSolver w;
        private final ShiftedSolver wT;
        private final double[] k1;
        private final double[] v;
        private final double[] y1;
        private final double[] tdot;
        private final double[] k1bar;
        private final double[] k2bar;
        private final double[] rbar;
        private final double[] ubar;
        final double[] ybar;
        final double[] pbar;
        final StepRecord rec;

        Sweep(Setup s, double[][] dStates) {
            this.s = s;
            this.dStates = dStates;
            this.n = s.n;
            this.w = s.f.shiftedSolver(false);
            this.wT = s.f.shiftedSolver(true);
            this.secondOrder = new SecondOrderTerm(s.problem);
            this.k1 = new double[n];
            this.v = new double[n];
            this.y1 = new double[n];
            this.tdot = new double[n];
            this.k1bar = new double[n];
            this.k2bar = new double[n];
            this.rbar = new double[n];
            this.ubar = new double[n];
            this.ybar = new double[n];
            this.pbar = new double[s.p];
            this.rec = new StepRecord(n, false);
        }

        /** One step backward: ȳ at its end becomes ȳ at its start, p̄ gathers the step's share. */
        void step(int idx) {
            double t = rec.t[idx];
            double h = rec.h[idx];
            double[] y = rec.y[idx];
            double hd = h * D;
            stagesForward(t, y, h, hd);
            seed(idx, t, h);
            wT.update(t, y, 0);
            s.counters.factorizations++;
            wT.factor(hd, t);
            // v = W⁻¹(f₁ − k₁), k₂ = k₁ + v
            System.arraycopy(k2bar, 0, rbar, 0, n);
            wT.solve(rbar, 0);
            Arrays.fill(ubar, 0.0);
            s.f.vjp(t + 0.5 * h, y1, 0, rbar, 0, ubar, 0, pbar, 0);
            DiscreteAdjoint.add(ybar, ubar);
            secondOrder(t, y, 0, v, hd);
            for (int q = 0; q < n; q++) {
                k1bar[q] += k2bar[q] - rbar[q] + 0.5 * h * ubar[q];
            }
            // k₁ = W⁻¹(f₀ + hd T)
            System.arraycopy(k1bar, 0, rbar, 0, n);
            wT.solve(rbar, 0);
            Arrays.fill(ubar, 0.0);
            s.f.vjp(t, y, 0, rbar, 0, ubar, 0, pbar, 0);
            DiscreteAdjoint.add(ybar, ubar);
            secondOrder(t, y, 1, k1, hd);
            DiscreteAdjoint.checkFinite(s, ybar, pbar, t, h);
        }

        /** k₁, v and the second stage's input y + h k₁/2, as the forward step computed them. */
        private void stagesForward(double t, double[] y, double h, double hd) {
            w.update(t, y, 0);
            s.f.timeDerivative(t, y, 0, tdot, 0);
            s.counters.factorizations++;
            w.factor(hd, t);
            s.f.eval(t, y, 0, k1, 0);
            DiscreteAdjoint.axpy(k1, hd, tdot);
            w.solve(k1, 0);
            for (int q = 0; q < n; q++) {
                y1[q] = y[q] + 0.5 * h * k1[q];
            }
            s.f.eval(t + 0.5 * h, y1, 0, v, 0);
            for (int q = 0; q < n; q++) {
                v[q] -= k1[q];
            }
            w.solve(v, 0);
        }

        /** k̄₁, k̄₂ from the outputs inside the step (dense weights) and from y₁; ȳ gets their direct share. */
        private void seed(int idx, double t, double h) {
            Arrays.fill(k1bar, 0.0);
            Arrays.fill(k2bar, 0.0);
            DiscreteAdjoint.axpy(k2bar, h, ybar);
            double[] times = s.times;
            for (int q = rec.outFrom[idx]; q < rec.outTo[idx]; q++) {
                DiscreteAdjoint.add(ybar, dStates[q]);
                if (times[q] != rec.tNew[idx]) {
                    double theta = (times[q] - t) / h;
                    DiscreteAdjoint.axpy(k1bar, h * theta * (1 - theta) / (1 - 2 * D), dStates[q]);
                    DiscreteAdjoint.axpy(k2bar, h * theta * (theta - 2 * D) / (1 - 2 * D), dStates[q]);
                } else {
                    DiscreteAdjoint.axpy(k2bar, h, dStates[q]);
                }
            }
        }

        /**
         * (ȳ, p̄) += ∇_(y,p) (scale r̄)ᵀ (J·dir + τ T) at (t, y): one VJP of the JVP graph of f, tangent
         * (τ, dir, 0), cotangent scale·r̄ on its JVP outputs.
         */
        private void secondOrder(double t, double[] y, double tau, double[] dir, double scale) {
            s.counters.vjpEvaluations++;
            secondOrder.add(t, y, s.params, tau, dir, scale, rbar, ybar, pbar);
        }
    }
}
