package dev.leibniz.sbml.petab;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Gradient;
import dev.leibniz.core.optim.CurvatureObjective;
import dev.leibniz.ode.Ode;
import dev.leibniz.ode.OdeProblem;
import dev.leibniz.ode.Sensitivities;
import java.util.Arrays;
import java.util.List;

/**
 * The negative log-likelihood of a PEtab problem as a {@link CurvatureObjective}: −ℓ(θ), its
 * gradient and the Fisher information, for a Levenberg–Marquardt fit (the curvature AMICI and Fides
 * use). With r_m = (h(m) − h(y_m))/σ_m each measurement contributes
 * <pre>  normal:   −ℓ_m = ½ ln(2πσ_m²) + ½ r_m² − ln|h'(m)|,  ∇(−ℓ_m) = r_m ∇r_m + ∇σ_m / σ_m,
 *             B_m = ∇r_m ∇r_mᵀ + 2 ∇ln σ_m ∇ln σ_mᵀ,
 *   Laplace:  −ℓ_m = ln(2σ_m) + |r_m| − ln|h'(m)|,      ∇(−ℓ_m) = sign(r_m) ∇r_m + ∇σ_m / σ_m,
 *             B_m = ∇r_m ∇r_mᵀ / max(|r_m|, ε) + ∇ln σ_m ∇ln σ_mᵀ,   ε = 1e-8,</pre>
 * B_m being, for normal noise, the Gauss–Newton matrix of r_m plus the Fisher information of a σ
 * that depends on θ (Boehm estimates its three σ's).
 *
 * <p><b>Laplace noise</b> has no least-squares residual: |r| = ½ρ² with ρ = sign(r)·√(2|r|) would
 * be one, but dρ/dr is unbounded at r = 0. Laplace's Fisher information (∇r∇rᵀ, the expected
 * outer product of the score) was tried first and fails at the optimum, which lies on a kink
 * (a median): the step along ∇r of the residual at its kink crosses it, is rejected and shortened
 * until the model's decrease is below rounding, and the run stops with the other parameters
 * (the scale σ) far from their optimum (LevenbergMarquardtFitTest: ℓ = −0.367 against −0.448).
 * B_m is therefore the curvature of the quadratic majorizer |r| ≤ r²/(2|r_k|) + |r_k|/2 at the
 * current residual r_k, the iteratively reweighted least squares of L1 regression (Schlossmacher
 * 1973): ∇r∇rᵀ/|r_k|. A residual near its kink gets a large weight, so the step keeps it there
 * (as an active constraint) while the other directions move; a residual far from zero gets a
 * small one and the trust region alone bounds its step. Its σ-part r²∇ln σ∇ln σᵀ/|r| = |r|∇ln
 * σ∇ln σᵀ is the exact second derivative of ln σ + |r| in ln σ; the added ∇ln σ∇ln σᵀ is the
 * Fisher information of Laplace's scale (|x − μ|/σ ~ Exp(1) has variance 1; normal noise's is
 * 2). The value and gradient stay exact.
 *
 * <p>∇r and ∇σ are total derivatives with respect to the estimated θ: the likelihood graph's
 * partials (∂/∂Y, ∂/∂p, ∂/∂θ, one reverse pass per output) chained with dY/dθ, the tangents of
 * every state at every output time: forward sensitivities dY/dp·dp/dθ (+ dY/dy₀·dy₀/dθ after a
 * pre-equilibration), and for measurements at time = inf the tangent of the steady state
 * ({@link SteadyState#tangent}, the implicit function theorem with the conservation laws, as the
 * gradient's adjoint uses it). A pre-equilibration's steady state enters as the simulation's
 * starting state: dy₀/dθ = dx*_pre/dθ, zero for species the simulation condition sets. One evaluation
 * costs one forward-sensitivity solve per condition (as a forward gradient does), one small linear
 * solve per direction and steady state, and 2M cheap passes over the likelihood graph.
 */
final class FisherInformation implements CurvatureObjective {
    /** ε: the Laplace weight 1/|r| is capped at 1/ε (r in units of σ). */
    static final double LAPLACE_KINK = 1e-8;

    private final PetabObjective f;

    FisherInformation(PetabObjective f) {
        this.f = f;
    }

    /** Some observable has Laplace noise (Levenberg–Marquardt is then not the default optimizer). */
    static boolean hasLaplaceNoise(PetabObjective f) {
        for (PetabProblem.Observable o : f.problem().observables().values()) {
            if (o.noiseModel().distribution() == NoiseModel.Distribution.LAPLACE) {
                return true;
            }
        }
        return false;
    }

    @Override
    public double valueGradientCurvature(double[] theta, double[] g, double[][] b) {
        double[] all = f.full(theta);
        int[] est = f.estimatedIndex();
        int d = est.length;
        double nll = 0;
        for (Simulation s : f.simulations()) {
            double[] p = PetabObjective.values(s.sources, all);
            double[][] dpdt = parameterDerivatives(s.sources, all, est);
            SteadyState pre = s.preProblem == null ? null : SteadyState.of(s, all, f.options());
            OdeProblem prob = pre == null ? s.problem : SteadyState.startingAt(s, pre.state());
            // dy₀/dθ of the simulation's start through x*_pre; null without pre-equilibration, where
            // the forward sensitivities with respect to p already include y₀(p)
            double[][] dy0dt = pre == null ? null : preTangent(s, pre, all, est);
            int rows = s.times.length;
            double[][] states = new double[rows][];
            double[][][] dydt = new double[rows][][];
            if (s.finiteTimes.length > 0) {
                Sensitivities sens = Ode.forwardSensitivities(prob, p, s.finiteTimes, f.options());
                for (int k = 0; k < s.finiteTimes.length; k++) {
                    states[k] = sens.solution().state(k);
                    dydt[k] = product(sens.withRespectToParameters(k), dpdt);
                    if (dy0dt != null) {
                        add(dydt[k], product(sens.withRespectToInitialState(k), dy0dt));
                    }
                }
            }
            if (s.steadyStateRow) {
                SteadyState atInf = f.steadyState(s, prob, p);
                double[][] dStart = dy0dt != null ? dy0dt : product(SteadyState.initialJacobian(prob, p), dpdt);
                states[rows - 1] = atInf.state();
                dydt[rows - 1] = atInf.tangent(dpdt, dStart);
            }
            double[] in = PetabObjective.inputs(s, states, p, all);
            double[] out = s.llh.evaluate(in);
            nll -= out[0];
            int m = s.measurements.size();
            for (int q = 0; q < m; q++) {
                double r = out[2 + m + q];
                double sigma = out[2 + 2 * m + q];
                boolean laplace = distribution(s, q) == NoiseModel.Distribution.LAPLACE;
                double[] dr = total(s, 2 + m + q, in, dydt, dpdt, est);
                double[] ds = total(s, 2 + 2 * m + q, in, dydt, dpdt, est);
                double slope = laplace ? Math.signum(r) : r;
                double weight = laplace ? 1 / Math.max(Math.abs(r), LAPLACE_KINK) : 1;
                double scaleInformation = laplace ? 1 : 2;
                for (int a = 0; a < d; a++) {
                    g[a] += slope * dr[a] + ds[a] / sigma;
                    for (int c = 0; c < d; c++) {
                        b[a][c] += weight * dr[a] * dr[c] + scaleInformation * ds[a] * ds[c] / (sigma * sigma);
                    }
                }
            }
        }
        return nll;
    }

    private NoiseModel.Distribution distribution(Simulation s, int q) {
        PetabProblem.Measurement me = f.problem().measurements().get(s.measurements.get(q));
        return f.problem().observables().get(me.observableId()).noiseModel().distribution();
    }

    /**
     * dy₀/dθ (n × d) of a pre-equilibrated simulation: the pre-equilibration steady state's tangent
     * (its start y₀_pre(p_pre) fixes the conserved totals), zero where the simulation condition sets
     * the species to a number.
     */
    private static double[][] preTangent(Simulation s, SteadyState pre, double[] all, int[] est) {
        double[] pPre = PetabObjective.values(s.preSources, all);
        double[][] dPre = parameterDerivatives(s.preSources, all, est);
        double[][] dStartPre = product(SteadyState.initialJacobian(s.preProblem, pPre), dPre);
        double[][] dx = pre.tangent(dPre, dStartPre);
        List<String> names = s.problem.stateNames();
        for (String id : s.initialOverrides.keySet()) {
            Arrays.fill(dx[names.indexOf(id)], 0);
        }
        return dx;
    }

    /** a · b for a (n × k) and b (k × d). */
    private static double[][] product(double[][] a, double[][] b) {
        int d = b.length == 0 ? 0 : b[0].length;
        double[][] c = new double[a.length][d];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double aij = a[i][j];
                if (aij != 0) {
                    for (int e = 0; e < d; e++) {
                        c[i][e] += aij * b[j][e];
                    }
                }
            }
        }
        return c;
    }

    private static void add(double[][] into, double[][] x) {
        for (int i = 0; i < into.length; i++) {
            for (int e = 0; e < into[i].length; e++) {
                into[i][e] += x[i][e];
            }
        }
    }

    /** dp_j/dθ_e for the estimated θ (P × d). */
    private static double[][] parameterDerivatives(Source[] sources, double[] all, int[] est) {
        double[][] dpdt = new double[sources.length][est.length];
        for (int j = 0; j < sources.length; j++) {
            Source src = sources[j];
            if (src.isParameter()) {
                int e = indexOf(est, src.parameter());
                if (e >= 0) {
                    dpdt[j][e] = src.derivative(all);
                }
            }
        }
        return dpdt;
    }

    /** d(output)/dθ_est: the graph's partials chained with dY/dθ and dp/dθ. */
    private static double[] total(Simulation s, int output, double[] in, double[][][] dydt, double[][] dpdt, int[] est) {
        Gradient go = s.llh.gradient(output, EvalOptions.DEFAULT, in);
        int d = est.length;
        double[] t = new double[d];
        int at = 0;
        for (double[][] row : dydt) {
            for (double[] dyi : row) {
                double partial = go.get(at++);
                if (partial != 0) {
                    for (int e = 0; e < d; e++) {
                        t[e] += partial * dyi[e];
                    }
                }
            }
        }
        for (int j = 0; j < s.modelParameterCount; j++) {
            double partial = go.get(at++);
            if (partial != 0) {
                for (int e = 0; e < d; e++) {
                    t[e] += partial * dpdt[j][e];
                }
            }
        }
        for (int e = 0; e < d; e++) {
            t[e] += go.get(at + est[e]);
        }
        return t;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "FisherInformation(" + f + ", " + Arrays.toString(f.estimatedIndex()) + ")";
    }
}
