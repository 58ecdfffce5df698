package dev.leibniz.sbml.petab;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.optim.CurvatureObjective;
import dev.leibniz.core.optim.Lbfgsb;
import dev.leibniz.core.optim.Objective;
import dev.leibniz.core.optim.OptimizationResult;
import dev.leibniz.core.optim.ProjectedLbfgs;
import dev.leibniz.core.optim.ProjectedLevenbergMarquardt;
import dev.leibniz.ode.SensitivityMethod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Multi-start maximum-likelihood estimation of a PEtab problem: starting points from a Latin
 * hypercube on the parameter scales within the bounds, each optimized on θ itself by a
 * bound-constrained method with exact derivatives: {@link ProjectedLevenbergMarquardt} on the Fisher
 * information ({@link FisherInformation}; any problem, pre-equilibration and time = inf rows
 * included), the default unless some noise is Laplace, or {@link ProjectedLbfgs} on the gradient. The box is the optimizer's: a parameter
 * whose maximum lies on a bound gets there in one projected step and stays while the gradient
 * pushes outwards. (The earlier smooth change of variables θ = lo + (hi − lo)·σ(z) flattened the
 * landscape near the bounds, dθ/dz → 0, and made exactly those runs crawl: Boehm's best fit has two
 * parameters on their bounds.) A trial point where the ODE solver fails counts as a non-finite
 * value, and the line search backs off from it. A start that fails at its starting point is a row
 * with its reason, as pyPESTO reports it; the results are sorted best first (the waterfall order).
 *
 * <p>This class is deliberately small and sequential: a general multi-start engine (threads,
 * Spark) belongs elsewhere.
 */
public final class MultiStart {
    /** The local method of every start. */
    public enum Optimizer {
        /** Bound-constrained L-BFGS ({@link ProjectedLbfgs}) on the exact gradient: any problem. */
        LBFGS,
        /**
         * L-BFGS-B ({@link Lbfgsb}: generalized Cauchy point and subspace minimisation) on the exact
         * gradient: any problem.
         */
        LBFGSB,
        /**
         * Bound-constrained Levenberg–Marquardt ({@link ProjectedLevenbergMarquardt}) on the Fisher
         * information from forward sensitivities and steady-state tangents: any problem (for Laplace
         * noise the curvature is Laplace's Fisher information, see {@link FisherInformation}).
         */
        LEVENBERG_MARQUARDT
    }

    /** One start: where it began, where it ended (θ on the scales), its log-likelihood and status. */
    public record Start(int index, double[] start, double[] theta, double logLikelihood, int iterations,
                        int evaluations, boolean converged, String status) {
    }

    private MultiStart() {
    }

    /**
     * Runs {@code n} starts.
     *
     * @param progress told about each finished start (may be null)
     */
    public static List<Start> run(PetabObjective f, int n, long seed, int maxIterations, SensitivityMethod method,
                                  Consumer<Start> progress) {
        return run(f, n, seed, maxIterations, method, defaultOptimizer(f), progress);
    }

    /**
     * Levenberg–Marquardt unless some noise is Laplace, else L-BFGS: on Boehm's 20 starts LM reached
     * the optimum from 4, L-BFGS from 2, in a third of the time (docs/petab.md). With Laplace noise
     * the objective has kinks where a residual vanishes, and there the quadratic model the LM step
     * trusts is a heuristic (Laplace's Fisher information, not a Gauss–Newton matrix of the
     * objective); L-BFGS's line search makes no such claim, so it stays the default there.
     */
    public static Optimizer defaultOptimizer(PetabObjective f) {
        return FisherInformation.hasLaplaceNoise(f) ? Optimizer.LBFGS : Optimizer.LEVENBERG_MARQUARDT;
    }

    /**
     * Runs {@code n} starts with the given local method.
     *
     * @param progress told about each finished start (may be null)
     */
    public static List<Start> run(PetabObjective f, int n, long seed, int maxIterations, SensitivityMethod method,
                                  Optimizer optimizer, Consumer<Start> progress) {
        if (n < 1) {
            throw new LeibnizException("--starts must be at least 1, got " + n);
        }
        List<PetabProblem.Parameter> est = f.problem().estimated();
        for (PetabProblem.Parameter p : est) {
            if (!Double.isFinite(p.lower()) || !Double.isFinite(p.upper())) {
                throw new LeibnizException(p.where() + ": parameter '" + p.id() + "' needs finite bounds for a multi-start");
            }
        }
        double[] lo = lower(est);
        double[] hi = upper(est);
        double[][] starts = starts(f, n, seed);
        List<Start> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            Start r = optimizer == Optimizer.LEVENBERG_MARQUARDT ? oneByFisher(f, s, starts[s], lo, hi, maxIterations)
                    : one(f, s, starts[s], lo, hi, maxIterations, method, optimizer == Optimizer.LBFGSB);
            out.add(r);
            if (progress != null) {
                progress.accept(r);
            }
        }
        out.sort(Comparator.comparingDouble((Start r) -> Double.isNaN(r.logLikelihood()) ? Double.NEGATIVE_INFINITY
                : r.logLikelihood()).reversed());
        return out;
    }

    /** The n starting points of {@link #run} (θ on the scales). */
    static double[][] starts(PetabObjective f, int n, long seed) {
        List<PetabProblem.Parameter> est = f.problem().estimated();
        return latinHypercube(n, lower(est), upper(est), new Random(seed));
    }

    static double[] lower(List<PetabProblem.Parameter> est) {
        return est.stream().mapToDouble(p -> p.scale().scale(p.lower())).toArray();
    }

    static double[] upper(List<PetabProblem.Parameter> est) {
        return est.stream().mapToDouble(p -> p.scale().scale(p.upper())).toArray();
    }

    /** n points, one in each of n equal strata per coordinate, strata paired by random permutations. */
    static double[][] latinHypercube(int n, double[] lo, double[] hi, Random rng) {
        double[][] x = new double[n][lo.length];
        for (int i = 0; i < lo.length; i++) {
            int[] perm = new int[n];
            for (int k = 0; k < n; k++) {
                perm[k] = k;
            }
            for (int k = n - 1; k > 0; k--) {
                int j = rng.nextInt(k + 1);
                int t = perm[k];
                perm[k] = perm[j];
                perm[j] = t;
            }
            for (int k = 0; k < n; k++) {
                double u = (perm[k] + rng.nextDouble()) / n;
                x[k][i] = lo[i] + u * (hi[i] - lo[i]);
            }
        }
        return x;
    }

    /** One start by Levenberg–Marquardt on the Fisher information; a solver failure at a trial is a rejected step. */
    static Start oneByFisher(PetabObjective f, int index, double[] theta0, double[] lo, double[] hi, int maxIterations) {
        FisherInformation fisher = new FisherInformation(f);
        CurvatureObjective obj = (theta, g, b) -> {
            try {
                return fisher.valueGradientCurvature(theta, g, b);
            } catch (LeibnizException e) {
                if (!e.isComputationFailure() && !(e instanceof dev.leibniz.ode.OdeException)) {
                    throw e;
                }
                return Double.NaN;
            }
        };
        try {
            OptimizationResult r = new ProjectedLevenbergMarquardt().withMaxIterations(maxIterations)
                    .withGradientTolerance(1e-6).withFunctionTolerance(0).minimize(obj, theta0, lo, hi, null);
            return new Start(index, theta0, r.x(), -r.value(), r.iterations(), r.evaluations(), r.converged(),
                    r.reason());
        } catch (LeibnizException e) {
            return new Start(index, theta0, theta0, Double.NaN, 0, 0, false, "failed: " + e.getMessage());
        }
    }

    static Start one(PetabObjective f, int index, double[] theta0, double[] lo, double[] hi, int maxIterations,
                     SensitivityMethod method) {
        return one(f, index, theta0, lo, hi, maxIterations, method, false);
    }

    /** One start by projected L-BFGS, or by L-BFGS-B when {@code cauchy}. */
    static Start one(PetabObjective f, int index, double[] theta0, double[] lo, double[] hi, int maxIterations,
                     SensitivityMethod method, boolean cauchy) {
        Objective obj = (theta, grad) -> {
            try {
                PetabObjective.ValueAndGradient g = f.gradient(theta, method);
                for (int i = 0; i < grad.length; i++) {
                    grad[i] = -g.gradient()[i];
                }
                return -g.logLikelihood();
            } catch (LeibnizException e) {
                if (!e.isComputationFailure() && !(e instanceof dev.leibniz.ode.OdeException)) {
                    throw e;
                }
                java.util.Arrays.fill(grad, Double.NaN);
                return Double.NaN; // the line search backs off from where the solver fails
            }
        };
        try {
            // no relative-change stop: on Boehm's plateau at ℓ ≈ −249.746 (k_phos tiny, the σ's fitted to
            // the data's spread) f changes by less than its rounding for dozens of iterations before the
            // run finds its way down to ℓ ≈ −149.6 or better
            OptimizationResult r = cauchy
                    ? new Lbfgsb().withMaxIterations(maxIterations).withGradientTolerance(1e-6).withFunctionTolerance(0)
                            .minimize(obj, theta0, lo, hi)
                    : new ProjectedLbfgs().withMaxIterations(maxIterations).withGradientTolerance(1e-6)
                            .withFunctionTolerance(0).minimize(obj, theta0, lo, hi);
            return new Start(index, theta0, r.x(), -r.value(), r.iterations(), r.evaluations(), r.converged(),
                    r.reason());
        } catch (LeibnizException e) {
            return new Start(index, theta0, theta0, Double.NaN, 0, 0, false, "failed: " + e.getMessage());
        }
    }
}
