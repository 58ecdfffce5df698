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
        if (x0.length == 0) {
            throw new OptimizationException("L-BFGS: there are no parameters to optimise");
        }
        Run run = new Run(f, x0.clone(), listener);
        if (run.gnorm <= gradientTolerance) {
            return run.result(0, true, "gradient norm " + run.gnorm + " <= " + gradientTolerance + " at the starting point");
        }
        for (int k = 0; k < maxIterations; k++) {
            OptimizationResult end = run.iterate(k);
            if (end != null) {
                return end;
            }
        }
        return run.result(maxIterations, false, "maximum number of iterations (" + maxIterations + ") reached");
    }

    /**
     * The state of one minimisation: the iterate with its value and gradient, the last
     * {@code memory} correction pairs in a ring (the newest at {@code newest}), the loss history
     * and the evaluation count.
     */
    private final class Run {
        private final Objective f;
        private final IterationListener listener;
        private final double[][] s = new double[memory][];
        private final double[][] y = new double[memory][];
        private final double[] rho = new double[memory];
        private final double[] alphaTmp = new double[memory];
        private int stored;
        private int newest = -1;
        private double[] x;
        private double[] g;
        private double fx;
        private double gnorm;
        private int evaluations;
        private double[] history;

        /**
         * Evaluates the start (one evaluation), which must be finite (iteration 0 of the error
         * message), and reports it to the listener.
         */
        Run(Objective f, double[] x, IterationListener listener) {
            this.f = f;
            this.listener = listener;
            this.x = x;
            this.g = new double[x.length];
            this.fx = f.valueAndGradient(x, g);
            this.evaluations = 1;
            if (!Double.isFinite(fx) || !allFinite(g)) {
                throw new OptimizationException("L-BFGS: the objective is not finite at the starting point (iteration 0): f = "
                        + fx + ", gradient " + (allFinite(g) ? "finite" : "has non-finite entries"));
            }
            this.history = new double[Math.min(maxIterations, 1023) + 1];
            history[0] = fx;
            Lbfgs.notify(listener, 0, x, fx, g);
            this.gnorm = norm(g);
        }

        /**
         * Iteration {@code k} (counting from 0): a direction, a line search along it from the
         * trial step min(1, 1/‖∇f‖) on steepest descent and 1 otherwise, the new correction pair,
         * and the move to the accepted point.
         *
         * @return the result when the run ends here (line search failed, or converged), else null
         */
        OptimizationResult iterate(int k) {
            double[] d = searchDirection();
            double alpha0 = stored == 0 ? Math.min(1.0, 1.0 / gnorm) : 1.0;
            LineSearch.Step step = lineSearch.search(f, x, fx, g, d, alpha0);
            evaluations += step.evaluations();
            if (!step.satisfied()) {
                return result(k, false, "line search failed at iteration " + (k + 1) + ": " + step.message());
            }
            remember(step);
            double fPrev = fx;
            moveTo(step, k + 1);
            return convergence(k + 1, fPrev);
        }

        /**
         * The quasi-Newton direction −H∇f; when it does not descend (rounding, or NaN after an
         * underflow) the memory is cleared and the direction is steepest descent −∇f.
         */
        private double[] searchDirection() {
            double[] d = direction(g, s, y, rho, alphaTmp, stored, newest);
            if (!(LineSearch.dot(d, g) < 0)) {
                stored = 0;
                newest = -1;
                d = negate(g);
            }
            return d;
        }

        /**
         * Keeps the pair s = x_{k+1} − x_k, y = ∇f_{k+1} − ∇f_k (overwriting the oldest when the
         * memory is full) only when sᵀy &gt; ε·‖s‖·‖y‖, so H stays positive definite.
         */
        private void remember(LineSearch.Step step) {
            int n = x.length;
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
        }

        /** Makes the accepted point the iterate, records its loss as iteration {@code k} (doubling the history when full) and reports it. */
        private void moveTo(LineSearch.Step step, int k) {
            x = step.x();
            g = step.gradient();
            fx = step.value();
            gnorm = norm(g);
            if (k == history.length) {
                history = java.util.Arrays.copyOf(history, 2 * history.length);
            }
            history[k] = fx;
            Lbfgs.notify(listener, k, x, fx, g);
        }

        /** The result after iteration {@code k} if ‖∇f‖ or the relative change of f from {@code fPrev} is small enough, else null. */
        private OptimizationResult convergence(int k, double fPrev) {
            if (gnorm <= gradientTolerance) {
                return result(k, true, "gradient norm " + gnorm + " <= " + gradientTolerance);
            }
            double change = Math.abs(fPrev - fx);
            if (change <= functionTolerance * Math.max(Math.abs(fPrev), Math.abs(fx))) {
                return result(k, true, "relative change of f " + (change / Math.max(Math.abs(fPrev), Math.abs(fx))) + " <= "
                        + functionTolerance);
            }
            return null;
        }

        OptimizationResult result(int iterations, boolean converged, String reason) {
            return Lbfgs.result(x, fx, gnorm, iterations, evaluations, converged, reason, history);
        }
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
