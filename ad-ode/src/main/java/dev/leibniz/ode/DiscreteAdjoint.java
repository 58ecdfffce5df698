package dev.leibniz.ode;

import dev.leibniz.ode.internal.ExplicitRungeKutta;
import dev.leibniz.ode.internal.Integrator;
import dev.leibniz.ode.internal.StateSystem;

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
 * Stages are recomputed per step from the state stored on replay ({@link Checkpoints}).
 */
final class DiscreteAdjoint {
    private DiscreteAdjoint() {
    }

    static LossGradient gradient(Setup s, TrajectoryLoss loss) {
        if (!s.options.method().isExplicit()) {
            throw new OdeException("the discrete adjoint differentiates explicit Runge-Kutta steps; for the implicit "
                    + s.options.method() + " method use SensitivityMethod.FORWARD or CONTINUOUS_ADJOINT");
        }
        int n = s.n;
        int p = s.p;
        ButcherTableau tab = s.options.method().tableau();
        StateSystem sys = new StateSystem(s.f, s.states);
        Integrator integ = s.integrator(sys, s.stepper(sys), s.initialState(), n);
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

        int st = tab.stages();
        ExplicitRungeKutta rk = new ExplicitRungeKutta(tab, sys);
        double[][] stageIn = new double[st][n];
        double[][] kbar = new double[st][n];
        double[] ybar = new double[n];
        double[] pbar = new double[p];
        double[] ybarStage = new double[n];
        double[] theta = new double[st];
        StepRecord rec = new StepRecord(n, false);
        int segmentsHeld = cps.held();
        int peak = 0;
        for (int seg = cps.segments() - 1; seg >= 0; seg--) {
            rec.clear();
            cps.replay(seg, rec);
            peak = Math.max(peak, (seg + 1) + rec.count + st);
            for (int m = rec.count - 1; m >= 0; m--) {
                double t = rec.t[m];
                double h = rec.h[m];
                for (double[] row : kbar) {
                    java.util.Arrays.fill(row, 0.0);
                }
                for (int k = rec.outFrom[m]; k < rec.outTo[m]; k++) {
                    if (times(s)[k] == rec.tNew[m]) {
                        add(ybar, dStates[k]);
                    } else {
                        tab.denseWeights((times(s)[k] - t) / h, theta);
                        for (int i = 0; i < st; i++) {
                            axpy(kbar[i], h * theta[i], dStates[k]);
                        }
                        // y(θ) = y + …: the state itself receives the output cotangent directly
                        add(ybarStage, dStates[k]);
                    }
                }
                double[] b = tab.b();
                for (int i = 0; i < st; i++) {
                    axpy(kbar[i], h * b[i], ybar);
                }
                // ȳ_n starts as ȳ_{n+1} plus direct output contributions, then gathers the stages
                add(ybar, ybarStage);
                java.util.Arrays.fill(ybarStage, 0.0);
                rk.reset();
                rk.computeStages(t, rec.y[m], h, stageIn);
                double[][] a = tab.a();
                double[] c = tab.c();
                for (int i = st - 1; i >= 0; i--) {
                    if (isZero(kbar[i])) {
                        continue;
                    }
                    java.util.Arrays.fill(ybarStage, 0.0);
                    s.f.vjp(t + c[i] * h, stageIn[i], 0, kbar[i], 0, ybarStage, 0, pbar, 0);
                    add(ybar, ybarStage);
                    for (int j = 0; j < i; j++) {
                        if (a[i][j] != 0) {
                            axpy(kbar[j], h * a[i][j], ybarStage);
                        }
                    }
                }
                java.util.Arrays.fill(ybarStage, 0.0);
                checkFinite(s, ybar, pbar, t, h);
            }
        }
        for (int k = 0; k < out.length && times(s)[k] == s.problem.startTime(); k++) {
            add(ybar, dStates[k]);
        }
        for (int q = 0; q < p; q++) {
            dp[q] += pbar[q];
        }
        s.foldInitial(ybar, dp);
        s.counters.steps = forwardSteps;
        s.counters.rejected = forwardRejected;
        Statistics stats = Statistics.of(s.counters).withAdjoint(segmentsHeld, peak, cps.replayedSteps(), 0);
        Solution sol = s.solution(states).withStatistics(stats);
        return new LossGradient(value, dp, ybar.clone(), sol, SensitivityMethod.DISCRETE_ADJOINT,
                s.problem.parameterNames());
    }

    private static double[] times(Setup s) {
        return s.times;
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
