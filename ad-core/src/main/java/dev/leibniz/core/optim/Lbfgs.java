package dev.leibniz.core.optim;

import dev.leibniz.core.Program;

/**
 * Limited-memory BFGS (Nocedal 1980; Liu &amp; Nocedal 1989) with a strong Wolfe
 * {@link LineSearch}. From the last m pairs sᵢ = x_{i+1} − xᵢ, yᵢ = ∇f_{i+1} − ∇fᵢ, the
 * two-loop recursion applies the inverse-Hessian approximation H_k to the gradient in O(m·n),
 * starting from H⁰ = γ·I with γ = sᵀy / yᵀy of the newest pair; the direction is d = −H_k∇f.
 *
 * <p>A pair is kept only when sᵀy &gt; ε·‖s‖·‖y‖ (ε = 1e-10): otherwise H would stop being
 * positive definite and d might not descend. The strong Wolfe conditions make sᵀy &gt; 0, so
 * this only skips pairs ruined by rounding. Should d still fail to descend, the memory is cleared
 * and the step is steepest descent. The first trial step is min(1, 1/‖∇f‖) on a steepest-descent
 * direction and 1 afterwards.
 *
 * <p>Stopping: converged when ‖∇f‖₂ ≤ {@code gradientTolerance}, or when the relative change of
 * f over one iteration, |f_k − f_{k+1}| / max(|f_k|, |f_{k+1}|), is at most
 * {@code functionTolerance} (the second test ends runs whose gradient cannot get smaller because of
 * rounding, but also stops a run that stalls, so keep it small). Not converged when the iteration
 * limit is reached or the line search fails; the result's reason says which.
 *
 * <p>Non-finite values: at the starting point they are an {@link OptimizationException} naming
 * iteration 0; during a line search the step is backtracked (see {@link LineSearch}), so the
 * iterates always stay where f and ∇f are finite.
 *
 * <p>Instances are immutable; the {@code with…} methods return modified copies.
 */
public final class Lbfgs {
    private static final double CURVATURE_EPS = 1e-10;

    private final int memory;
    private final int maxIterations;
    private final double gradientTolerance;
    private final double functionTolerance;
    private final LineSearch lineSearch;

    /** Memory 10, at most 1000 iterations, ‖∇f‖ ≤ 1e-8, relative change of f ≤ 1e-15, default line search. */
    public Lbfgs() {
        this(10, 1000, 1e-8, 1e-15, new LineSearch());
    }

    private Lbfgs(int memory, int maxIterations, double gradientTolerance, double functionTolerance,
                  LineSearch lineSearch) {
        this.memory = Checks.atLeast("L-BFGS", "memory", memory, 1);
        this.maxIterations = Checks.atLeast("L-BFGS", "maximum number of iterations", maxIterations, 0);
        this.gradientTolerance = Checks.nonNegative("L-BFGS", "gradient tolerance", gradientTolerance);
        this.functionTolerance = Checks.nonNegative("L-BFGS", "relative function tolerance", functionTolerance);
        if (lineSearch == null) {
            throw new OptimizationException("L-BFGS: the line search is null");
        }
        this.lineSearch = lineSearch;
    }

    /** Number of correction pairs kept (m ≥ 1): more costs O(m·n) memory and time per step and curves better. */
    public Lbfgs withMemory(int m) {
        return new Lbfgs(m, maxIterations, gradientTolerance, functionTolerance, lineSearch);
    }

    public Lbfgs withMaxIterations(int n) {
        return new Lbfgs(memory, n, gradientTolerance, functionTolerance, lineSearch);
    }

    /** Converged when ‖∇f‖₂ ≤ tol. */
    public Lbfgs withGradientTolerance(double tol) {
        return new Lbfgs(memory, maxIterations, tol, functionTolerance, lineSearch);
    }

    /** Converged when the relative change of f in one iteration is ≤ tol; 0 disables the test except for exact stalls. */
    public Lbfgs withFunctionTolerance(double tol) {
        return new Lbfgs(memory, maxIterations, gradientTolerance, tol, lineSearch);
    }

    public Lbfgs withLineSearch(LineSearch ls) {
        return new Lbfgs(memory, maxIterations, gradientTolerance, functionTolerance, ls);
    }

    /** Minimises output 0 of a compiled graph over all its inputs (absent gradients count as 0). */
    public OptimizationResult minimize(Program program, double[] x0) {
        return minimize(Objective.of(program), x0, null);
    }

    public OptimizationResult minimize(Objective f, double[] x0) {
        return minimize(f, x0, null);
    }

    /**
     * Minimises {@code f} from {@code x0} (not modified).
     *
     * @param listener told about the start and every accepted step; may be null
     */
    public OptimizationResult minimize(Objective f, double[] x0, IterationListener listener) {
        if (f == null || x0 == null) {
            throw new OptimizationException("L-BFGS: " + (f == null ? "objective" : "starting point") + " is null");
        }
        int n = x0.length;
        if (n == 0) {
            throw new OptimizationException("L-BFGS: there are no parameters to optimise");
        }
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int evaluations = 1;
        if (!Double.isFinite(fx) || !allFinite(g)) {
            throw new OptimizationException("L-BFGS: the objective is not finite at the starting point (iteration 0): f = "
                    + fx + ", gradient " + (allFinite(g) ? "finite" : "has non-finite entries"));
        }
        double[] history = new double[Math.min(maxIterations, 1023) + 1];
        history[0] = fx;
        notify(listener, 0, x, fx, g);
        double gnorm = norm(g);
        if (gnorm <= gradientTolerance) {
            return result(x, fx, gnorm, 0, evaluations, true, "gradient norm " + gnorm + " <= " + gradientTolerance
                    + " at the starting point", history);
        }

        double[][] s = new double[memory][];
        double[][] y = new double[memory][];
        double[] rho = new double[memory];
        double[] alphaTmp = new double[memory];
        int stored = 0;
        int newest = -1;

        for (int k = 0; k < maxIterations; k++) {
            double[] d = direction(g, s, y, rho, alphaTmp, stored, newest);
            boolean steepest = stored == 0;
            if (!(LineSearch.dot(d, g) < 0)) {
                stored = 0;
                newest = -1;
                d = negate(g);
                steepest = true;
            }
            double alpha0 = steepest ? Math.min(1.0, 1.0 / gnorm) : 1.0;
            LineSearch.Step step = lineSearch.search(f, x, fx, g, d, alpha0);
            evaluations += step.evaluations();
            if (!step.satisfied()) {
                return result(x, fx, gnorm, k, evaluations, false, "line search failed at iteration " + (k + 1) + ": "
                        + step.message(), history);
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = step.x()[i] - x[i];
                yk[i] = step.gradient()[i] - g[i];
            }
            double sy = LineSearch.dot(sk, yk);
            if (sy > CURVATURE_EPS * norm(sk) * norm(yk)) {
                newest = (newest + 1) % memory;
                s[newest] = sk;
                y[newest] = yk;
                rho[newest] = 1.0 / sy;
                stored = Math.min(stored + 1, memory);
            }
            double fPrev = fx;
            x = step.x();
            g = step.gradient();
            fx = step.value();
            gnorm = norm(g);
            if (k + 1 == history.length) {
                history = java.util.Arrays.copyOf(history, 2 * history.length);
            }
            history[k + 1] = fx;
            notify(listener, k + 1, x, fx, g);
            if (gnorm <= gradientTolerance) {
                return result(x, fx, gnorm, k + 1, evaluations, true, "gradient norm " + gnorm + " <= " + gradientTolerance,
                        history);
            }
            double change = Math.abs(fPrev - fx);
            if (change <= functionTolerance * Math.max(Math.abs(fPrev), Math.abs(fx))) {
                return result(x, fx, gnorm, k + 1, evaluations, true, "relative change of f " + (change
                        / Math.max(Math.abs(fPrev), Math.abs(fx))) + " <= " + functionTolerance, history);
            }
        }
        return result(x, fx, gnorm, maxIterations, evaluations, false, "maximum number of iterations (" + maxIterations
                + ") reached", history);
    }

    /** The two-loop recursion: d = −H∇f from the stored pairs, newest first then oldest first. */
    private static double[] direction(double[] g, double[][] s, double[][] y, double[] rho, double[] a, int stored,
                                      int newest) {
        int n = g.length;
        int m = s.length;
        double[] q = g.clone();
        for (int j = 0; j < stored; j++) {
            int i = Math.floorMod(newest - j, m);
            a[i] = rho[i] * LineSearch.dot(s[i], q);
            axpy(-a[i], y[i], q);
        }
        if (stored > 0) {
            double gamma = LineSearch.dot(s[newest], y[newest]) / LineSearch.dot(y[newest], y[newest]);
            for (int i = 0; i < n; i++) {
                q[i] *= gamma;
            }
        }
        for (int j = stored - 1; j >= 0; j--) {
            int i = Math.floorMod(newest - j, m);
            double b = rho[i] * LineSearch.dot(y[i], q);
            axpy(a[i] - b, s[i], q);
        }
        return negate(q);
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] negate(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = -v[i];
        }
        return r;
    }

    private static double norm(double[] v) {
        return Math.sqrt(LineSearch.dot(v, v));
    }

    private static boolean allFinite(double[] v) {
        for (double e : v) {
            if (!Double.isFinite(e)) {
                return false;
            }
        }
        return true;
    }

    private static void notify(IterationListener listener, int k, double[] x, double f, double[] g) {
        if (listener != null) {
            listener.onIteration(k, x.clone(), f, g.clone());
        }
    }

    private static OptimizationResult result(double[] x, double f, double gnorm, int iterations, int evaluations,
                                             boolean converged, String reason, double[] history) {
        return new OptimizationResult(x, f, gnorm, iterations, evaluations, converged, reason,
                java.util.Arrays.copyOf(history, iterations + 1));
    }
}
