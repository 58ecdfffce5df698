package dev.leibniz.sbml.petab;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Gradient;
import dev.leibniz.core.optim.CurvatureObjective;
import dev.leibniz.ode.Ode;
import dev.leibniz.ode.Sensitivities;
import dev.leibniz.sbml.SbmlException;
import java.util.Arrays;

/**
 * The negative log-likelihood of a PEtab problem with normal noise as a {@link CurvatureObjective}:
 * −ℓ(θ), its gradient and the Fisher information, for a Levenberg–Marquardt fit (the curvature
 * AMICI and Fides use). With r_m = (h(m) − h(y_m))/σ_m each measurement contributes
 * <pre>  −ℓ_m = ½ ln(2πσ_m²) + ½ r_m² − ln|h'(m)|,   ∇(−ℓ_m) = r_m ∇r_m + ∇σ_m / σ_m,
 *   B_m = ∇r_m ∇r_mᵀ + 2 ∇ln σ_m ∇ln σ_mᵀ,</pre>
 * B_m being the Gauss–Newton matrix of r_m plus the Fisher information of a σ that depends on θ
 * (Boehm estimates its three σ's). ∇r_m and ∇σ_m are total derivatives with respect to the
 * estimated θ: the likelihood graph's partials (∂/∂Y, ∂/∂p, ∂/∂θ, one reverse pass per output) chained
 * with the forward sensitivities dY/dp of every state at every output time and dp/dθ of each
 * parameter's scale. One evaluation costs one forward-sensitivity solve per condition (as a forward
 * gradient does) and 2M cheap passes over the likelihood graph.
 *
 * <p>Supported when every noise model is normal and no simulation has pre-equilibration or
 * measurements at time = inf ({@link #unsupported}); Laplace noise (|r| is not smooth) and the
 * steady-state chain rules are left to the L-BFGS fit.
 */
final class FisherInformation implements CurvatureObjective {
    private final PetabObjective f;

    FisherInformation(PetabObjective f) {
        String why = unsupported(f);
        if (why != null) {
            throw new SbmlException("Levenberg-Marquardt needs normal noise and no steady states, but " + why);
        }
        this.f = f;
    }

    /** Why the problem has no Fisher form here, or null when it has. */
    static String unsupported(PetabObjective f) {
        for (PetabProblem.Observable o : f.problem().observables().values()) {
            if (o.noiseModel().distribution() != NoiseModel.Distribution.NORMAL) {
                return "observable '" + o.id() + "' has Laplace noise";
            }
        }
        for (Simulation s : f.simulations()) {
            if (s.preProblem != null) {
                return "condition '" + s.conditionId + "' is pre-equilibrated";
            }
            if (s.steadyStateRow) {
                return "condition '" + s.conditionId + "' has measurements at time = inf";
            }
        }
        return null;
    }

    @Override
    public double valueGradientCurvature(double[] theta, double[] g, double[][] b) {
        double[] all = f.full(theta);
        int[] est = f.estimatedIndex();
        int d = est.length;
        double nll = 0;
        for (Simulation s : f.simulations()) {
            double[] p = PetabObjective.values(s.sources, all);
            Sensitivities sens = Ode.forwardSensitivities(s.problem, p, s.finiteTimes, f.options());
            double[][] states = sens.solution().states();
            double[] in = PetabObjective.inputs(s, states, p, all);
            double[] out = s.llh.evaluate(in);
            nll -= out[0];
            double[][] dpdt = parameterDerivatives(s, all, est);
            double[][][] dydt = new double[states.length][s.stateCount][d];
            for (int k = 0; k < states.length; k++) {
                for (int i = 0; i < s.stateCount; i++) {
                    for (int j = 0; j < p.length; j++) {
                        double sij = sens.parameter(k, i, j);
                        if (sij != 0) {
                            for (int e = 0; e < d; e++) {
                                dydt[k][i][e] += sij * dpdt[j][e];
                            }
                        }
                    }
                }
            }
            int m = s.measurements.size();
            for (int q = 0; q < m; q++) {
                double r = out[2 + m + q];
                double sigma = out[2 + 2 * m + q];
                double[] dr = total(s, 2 + m + q, in, dydt, dpdt, est, p.length);
                double[] ds = total(s, 2 + 2 * m + q, in, dydt, dpdt, est, p.length);
                for (int a = 0; a < d; a++) {
                    g[a] += r * dr[a] + ds[a] / sigma;
                    for (int c = 0; c < d; c++) {
                        b[a][c] += dr[a] * dr[c] + 2 * ds[a] * ds[c] / (sigma * sigma);
                    }
                }
            }
        }
        return nll;
    }

    /** dp_j/dθ_e for the estimated θ (P × d). */
    private static double[][] parameterDerivatives(Simulation s, double[] all, int[] est) {
        double[][] dpdt = new double[s.sources.length][est.length];
        for (int j = 0; j < s.sources.length; j++) {
            Source src = s.sources[j];
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
    private static double[] total(Simulation s, int output, double[] in, double[][][] dydt, double[][] dpdt, int[] est,
                                  int parameterCount) {
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
