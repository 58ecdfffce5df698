package dev.leibniz.ode;

import dev.leibniz.ode.internal.DenseLu;
import dev.leibniz.ode.internal.Integrator;
import dev.leibniz.ode.internal.StateSystem;
import dev.leibniz.ode.internal.Stepper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The discrete adjoint of RADAU5 ({@link Method#RADAU5}): reverse mode through the converged
 * collocation system of each accepted step. A step from (t, y) solves, for the stage increments
 * Z = (Z₁, Z₂, Z₃),
 * <pre>  G(Z, y, p) = Z − h (A ⊗ I) F(Z, y, p) = 0,   F_i = f(t + c_i h, y + Z_i, p),   y₁ = y + Z₃,</pre>
 * with the dense output y(θ) = y + Σ_i ℓ_i(θ) Z_i, ℓ_i the Lagrange polynomials on the nodes
 * (0, c₁, c₂, 1). By the implicit function theorem dZ = K⁻¹ h (A ⊗ I)(∂F/∂y dy + ∂F/∂p dp) with
 * K = I − h (A ⊗ I) diag(J₁, J₂, J₃), J_i = ∂f/∂y at the stage, so the adjoint of a step is
 * <pre>
 *   Z̄₃ += ȳ₁,  Z̄_i += ℓ_i(θ) ȳ(θ) for the outputs inside the step,  ȳ = ȳ₁ + Σ ȳ(θ)
 *   Kᵀ λ = Z̄,   μ_i = h Σ_j A_ji λ_j,   (ȳ, p̄) += VJP of f at stage i with μ_i   (i = 1, 2, 3)
 * </pre>
 * one transposed solve per step. The stage values come from the replayed forward step (its
 * collocation polynomial at θ = c_i), so the adjoint differentiates the step the solver took; the
 * Newton iteration's stopping error (κ·rtol) is the only difference from the exact derivative of
 * the computed numbers, as for RADAU5's forward sensitivities.
 *
 * <p>Trade-off: K is formed with the three stage Jacobians and factored as a dense 3n×3n matrix,
 * 9n³ flops against the forward step's n³/3 + 8n³/3 when it refactors; the simplified-Newton
 * factorizations of the forward pass use J at the step's start and would need an iteration to
 * give the exact transpose. RADAU5 is dense-only, so n is small wherever it is used.
 */
final class RadauAdjoint {
    private static final double SQ6 = Math.sqrt(6);
    /** Radau IIA order 5 (Hairer–Wanner, Solving ODEs II, Table IV.5.6). */
    private static final double[][] A = {
        {(88 - 7 * SQ6) / 360, (296 - 169 * SQ6) / 1800, (-2 + 3 * SQ6) / 225},
        {(296 + 169 * SQ6) / 1800, (88 + 7 * SQ6) / 360, (-2 - 3 * SQ6) / 225},
        {(16 - SQ6) / 36, (16 + SQ6) / 36, 1.0 / 9}};
    private static final double[] C = {(4 - SQ6) / 10, (4 + SQ6) / 10, 1};
    private static final double[] NODES = {0, C[0], C[1], C[2]};

    private RadauAdjoint() {
    }

    static LossGradient gradient(Setup s, TrajectoryLoss loss) {
        StateSystem sys = new StateSystem(s.f, s.states);
        Stepper stepper = s.stepper(sys);
        Integrator integ = s.integrator(sys, stepper, s.initialState(), s.n);
        Checkpoints cps = new Checkpoints(integ, s.options.maxCheckpoints());
        double[][] states = DiscreteAdjoint.copyRows(cps.run());
        AdjointPass pass = new AdjointPass(s, states, loss);
        double[][] dStates = pass.dStates;
        double[] dp = pass.dp;

        Sweep sweep = new Sweep(s, stepper, dStates);
        int peak = 0;
        for (int seg = cps.segments() - 1; seg >= 0; seg--) {
            peak = Math.max(peak, sweep.segment(cps, seg));
        }
        double[] ybar = sweep.ybar;
        double[] times = s.times;
        for (int q = 0; q < times.length && times[q] == s.problem.startTime(); q++) {
            DiscreteAdjoint.add(ybar, dStates[q]);
        }
        for (int q = 0; q < s.p; q++) {
            dp[q] += sweep.pbar[q];
        }
        return pass.finish(cps, peak, ybar);
    }

    /** ℓ_i(θ), i = 1..3: the Lagrange polynomials on (0, c₁, c₂, 1) of the nodes c_i. */
    static void lagrange(double theta, double[] out) {
        for (int i = 1; i <= 3; i++) {
            double l = 1;
            for (int m = 0; m <= 3; m++) {
                if (m != i) {
                    l *= (theta - NODES[m]) / (NODES[i] - NODES[m]);
                }
            }
            out[i - 1] = l;
        }
    }

    /** The replayed steps with their stage increments, and the backward pass over them. */
    private static final class Sweep implements Integrator.StepObserver {
        private final Setup s;
        private final Stepper stepper;
        private final double[][] dStates;
        private final int n;
        private final StepRecord rec;
        private final List<double[]> stages = new ArrayList<>();
        private final double[] stage;
        private final double[] jac;
        private final double[] kt;
        private final DenseLu lu;
        private final double[] lambda;
        private final double[] mu;
        private final double[] ell = new double[3];
        final double[] ybar;
        final double[] pbar;

        Sweep(Setup s, Stepper stepper, double[][] dStates) {
            this.s = s;
            this.stepper = stepper;
            this.dStates = dStates;
            this.n = s.n;
            this.rec = new StepRecord(n, false);
            this.stage = new double[n];
            this.jac = new double[n * n];
            this.kt = new double[9 * n * n];
            this.lu = new DenseLu(3 * n);
            this.lambda = new double[3 * n];
            this.mu = new double[n];
            this.ybar = new double[n];
            this.pbar = new double[s.p];
        }

        /** Records the step and its Z_i = Y_i − y, read off the collocation polynomial at θ = c_i. */
        @Override
        public void onStep(double t0, double h, double t1, double[] y0, double[] y1, int from, int to) {
            int idx = rec.count;
            rec.onStep(t0, h, t1, y0, y1, from, to);
            if (stages.size() <= idx) {
                stages.add(new double[3 * n]);
            }
            double[] z = stages.get(idx);
            for (int i = 0; i < 3; i++) {
                stepper.interpolate(C[i], t0, y0, h, stage);
                for (int a = 0; a < n; a++) {
                    z[i * n + a] = stage[a] - y0[a];
                }
            }
        }

        int segment(Checkpoints cps, int seg) {
            rec.clear();
            cps.replay(seg, this);
            for (int m = rec.count - 1; m >= 0; m--) {
                step(m);
            }
            return (seg + 1) + 4 * rec.count;
        }

        private void step(int m) {
            double t = rec.t[m];
            double h = rec.h[m];
            double[] y = rec.y[m];
            double[] z = stages.get(m);
            // Z̄ into λ: Z̄₃ = ȳ₁, then the outputs inside the step
            Arrays.fill(lambda, 0.0);
            System.arraycopy(ybar, 0, lambda, 2 * n, n);
            double[] times = s.times;
            for (int q = rec.outFrom[m]; q < rec.outTo[m]; q++) {
                if (times[q] == rec.tNew[m]) {
                    for (int a = 0; a < n; a++) {
                        lambda[2 * n + a] += dStates[q][a];
                        ybar[a] += dStates[q][a];
                    }
                } else {
                    lagrange((times[q] - t) / h, ell);
                    for (int i = 0; i < 3; i++) {
                        for (int a = 0; a < n; a++) {
                            lambda[i * n + a] += ell[i] * dStates[q][a];
                        }
                    }
                    DiscreteAdjoint.add(ybar, dStates[q]);
                }
            }
            factorKTransposed(t, h, y, z);
            lu.solve(lambda, 0);
            for (int i = 0; i < 3; i++) {
                for (int a = 0; a < n; a++) {
                    double acc = 0;
                    for (int j = 0; j < 3; j++) {
                        acc += A[j][i] * lambda[j * n + a];
                    }
                    mu[a] = h * acc;
                }
                stageState(y, z, i);
                s.f.vjp(t + C[i] * h, stage, 0, mu, 0, ybar, 0, pbar, 0);
            }
            DiscreteAdjoint.checkFinite(s, ybar, pbar, t, h);
        }

        /** Kᵀ, block (i, j) = δ_ij I − h A_ji J_iᵀ, with J_i at stage i, factored. */
        private void factorKTransposed(double t, double h, double[] y, double[] z) {
            int nn = 3 * n;
            Arrays.fill(kt, 0.0);
            for (int i = 0; i < 3; i++) {
                stageState(y, z, i);
                s.f.jacobian(t + C[i] * h, stage, 0, jac);
                for (int j = 0; j < 3; j++) {
                    double w = -h * A[j][i];
                    for (int a = 0; a < n; a++) {
                        for (int b = 0; b < n; b++) {
                            // row (i, a), column (j, b): −h A_ji J_i[b][a]
                            kt[(i * n + a) * nn + j * n + b] = w * jac[b * n + a];
                        }
                    }
                }
            }
            for (int r = 0; r < nn; r++) {
                kt[r * nn + r] += 1.0;
            }
            s.counters.factorizations++;
            lu.factorMatrix(kt, t, h);
        }

        private void stageState(double[] y, double[] z, int i) {
            for (int a = 0; a < n; a++) {
                stage[a] = y[a] + z[i * n + a];
            }
        }
    }
}
