package dev.leibniz.core.optim;

import java.util.Arrays;

/**
 * Levenberg–Marquardt for bound constraints lo ≤ x ≤ hi, on a {@link CurvatureObjective} (value,
 * gradient g and a positive semidefinite curvature B: Gauss–Newton JᵀJ or a Fisher information),
 * with the two-metric projection of {@link ProjectedLbfgs}: on the free coordinates F the step
 * solves the damped model
 * <pre>  (B_FF + λ·D_FF) d_F = −g_F,   D = diag(B) (Marquardt's scaling, floored at 1e-12·max Bᵢᵢ),</pre>
 * on the ε-active ones (on a bound that the gradient pushes outwards) it is scaled steepest
 * descent d_i = −g_i / ((1 + λ)·D_ii); the trial point is the projection P(x + d). The step
 * s = P(x + d) − x is accepted when the actual decrease is at least 1e-4 of the model's,
 * <pre>  ρ = (f(x) − f(x + s)) / −(gᵀs + ½ sᵀBs) &gt; 1e-4,</pre>
 * and λ follows Nielsen's rule (1999): λ ← λ·max(1/3, 1 − (2ρ − 1)³) after a success, λ ← λ·ν,
 * ν ← 2ν after a failure (ν reset to 2 on success). Small λ gives the Gauss–Newton step and its
 * fast local convergence on small-residual problems; large λ a short, scaled gradient step.
 * This is the projected Levenberg–Marquardt of Kanzow, Yamashita &amp; Fukushima (2004) with an
 * active set, the shape of the trust-region methods systems biologists use (Fides, Fröhlich &amp;
 * Sorger 2022, which adds reflection at the bounds).
 *
 * <p>Against {@link ProjectedLbfgs}: each evaluation must also produce B (for an ODE model, forward
 * sensitivities of every residual, not one adjoint), but the curvature is right from the first
 * iteration, so far fewer iterations are needed on least-squares problems.
 *
 * <p>Stopping: converged when the projected gradient ‖x − P(x − g)‖∞ ≤ {@code gradientTolerance}
 * or when an accepted step changes f by at most {@code functionTolerance} relative, or when the
 * model's predicted decrease is below f's rounding (4 ulp) and a step no longer shrinks the
 * projected gradient; not converged
 * at the iteration limit or when λ exceeds 1e16 without an acceptable step. A non-finite trial is a
 * failed one. Instances are immutable.
 */
public final class ProjectedLevenbergMarquardt {
    private static final String NAME = "projected Levenberg-Marquardt";
    private static final double EPSILON_MAX = 1e-3;
    private static final double LAMBDA_MAX = 1e16;

    private final int maxIterations;
    private final double gradientTolerance;
    private final double functionTolerance;
    private final double initialDamping;

    /** At most 200 accepted steps, projected gradient ≤ 1e-8, relative change of f ≤ 1e-15, λ₀ = 1e-3. */
    public ProjectedLevenbergMarquardt() {
        this(200, 1e-8, 1e-15, 1e-3);
    }

    private ProjectedLevenbergMarquardt(int maxIterations, double gradientTolerance, double functionTolerance,
                                        double initialDamping) {
        this.maxIterations = Checks.atLeast(NAME, "maximum number of iterations", maxIterations, 0);
        this.gradientTolerance = Checks.nonNegative(NAME, "gradient tolerance", gradientTolerance);
        this.functionTolerance = Checks.nonNegative(NAME, "relative function tolerance", functionTolerance);
        this.initialDamping = Checks.positive(NAME, "initial damping", initialDamping);
    }

    public ProjectedLevenbergMarquardt withMaxIterations(int n) {
        return new ProjectedLevenbergMarquardt(n, gradientTolerance, functionTolerance, initialDamping);
    }

    /** Converged when ‖x − P(x − ∇f)‖∞ ≤ tol. */
    public ProjectedLevenbergMarquardt withGradientTolerance(double tol) {
        return new ProjectedLevenbergMarquardt(maxIterations, tol, functionTolerance, initialDamping);
    }

    /** Converged when an accepted step changes f by at most tol relative; 0 disables the test. */
    public ProjectedLevenbergMarquardt withFunctionTolerance(double tol) {
        return new ProjectedLevenbergMarquardt(maxIterations, gradientTolerance, tol, initialDamping);
    }

    /** λ₀ (relative to the Marquardt scaling diag(B)). */
    public ProjectedLevenbergMarquardt withInitialDamping(double lambda) {
        return new ProjectedLevenbergMarquardt(maxIterations, gradientTolerance, functionTolerance, lambda);
    }

    /**
     * Minimises {@code f} over lo ≤ x ≤ hi from {@code x0} (projected onto the box first; not modified).
     *
     * @param listener told about the start and every accepted step; may be null
     */
    public OptimizationResult minimize(CurvatureObjective f, double[] x0, double[] lower, double[] upper,
                                       IterationListener listener) {
        if (f == null) {
            throw new OptimizationException(NAME + ": the objective is null");
        }
        double[] x = ProjectedLbfgs.checkedStart(NAME, x0, lower, upper);
        Point at = Point.of(f, x);
        if (!at.finite()) {
            throw new OptimizationException(NAME + ": the objective is not finite at the starting point (iteration 0): f = "
                    + at.f);
        }
        Run run = new Run(f, lower, upper, listener, at);
        for (int k = 0; k < maxIterations; k++) {
            OptimizationResult end = run.iterate(k);
            if (end != null) {
                return end;
            }
        }
        double pg = projectedGradient(run.at, lower, upper);
        return result(run.at, pg, maxIterations, run.evaluations, pg <= gradientTolerance,
                "maximum number of iterations (" + maxIterations + ") reached; projected gradient " + pg, run.history);
    }

    /**
     * The state of one minimisation: the current point with its value, gradient and curvature,
     * the damping λ and its growth factor ν, the evaluations so far and f per accepted step.
     */
    private final class Run {
        private final CurvatureObjective f;
        private final double[] lower;
        private final double[] upper;
        private final IterationListener listener;
        private final double[] history = new double[maxIterations + 1];
        private Point at;
        private int evaluations = 1;
        private double lambda = initialDamping;
        private double nu = 2;

        Run(CurvatureObjective f, double[] lower, double[] upper, IterationListener listener, Point start) {
            this.f = f;
            this.lower = lower;
            this.upper = upper;
            this.listener = listener;
            this.at = start;
            history[0] = at.f;
            ProjectedLevenbergMarquardt.notify(listener, 0, at);
        }

        /**
         * Iteration k: stops at a small projected gradient, else raises λ until a step is
         * acceptable (ρ &gt; 1e-4, or a step at the rounding level of f that still helps) and takes it.
         *
         * @return the result when the minimisation ends here, null to go on with iteration k + 1
         */
        OptimizationResult iterate(int k) {
            double pg = projectedGradient(at, lower, upper);
            if (pg <= gradientTolerance) {
                return result(at, pg, k, evaluations, true, "projected gradient " + pg + " <= " + gradientTolerance,
                        history);
            }
            boolean[] free = freeSet(at, lower, upper, Math.min(EPSILON_MAX, pg));
            while (true) {
                if (lambda > LAMBDA_MAX) {
                    return result(at, pg, k, evaluations, false, "no acceptable step at iteration " + (k + 1)
                            + " (damping above " + LAMBDA_MAX + "); projected gradient " + pg, history);
                }
                double[] s = step(at, free, lambda, lower, upper);
                double predicted = -(dot(at.g, s) + 0.5 * quadratic(at.b, s));
                if (predicted >= 0 && predicted <= 4 * Math.ulp(Math.abs(at.f))) {
                    return roundingLevelStep(k, s, pg, predicted);
                }
                if (!(predicted > 0)) {
                    raiseDamping();
                    continue;
                }
                Point next = Point.of(f, add(at.x, s));
                evaluations++;
                double rho = next.finite() ? (at.f - next.f) / predicted : Double.NaN;
                if (!(rho > 1e-4)) {
                    raiseDamping();
                    continue;
                }
                return accept(k, next, rho);
            }
        }

        /**
         * f cannot tell this step's decrease from rounding: take it if f does not grow and the
         * projected gradient shrinks (as a gradient-based method would), else stop here, converged.
         *
         * @return the result when the minimisation stops, null when the step was taken
         */
        private OptimizationResult roundingLevelStep(int k, double[] s, double pg, double predicted) {
            Point next = Point.of(f, add(at.x, s));
            evaluations++;
            double pgNext = next.finite() ? projectedGradient(next, lower, upper) : Double.NaN;
            if (next.f <= at.f && pgNext < pg) {
                moveTo(k, next);
                return null;
            }
            return result(at, pg, k, evaluations, true, "the model's decrease " + predicted
                    + " is below the rounding of f and the projected gradient " + pg + " no longer shrinks",
                    history);
        }

        /**
         * Takes an acceptable step with Nielsen's update λ ← λ·max(1/3, 1 − (2ρ − 1)³), ν ← 2,
         * and checks the relative change of f.
         *
         * @return the result when f changed by at most the function tolerance, else null
         */
        private OptimizationResult accept(int k, Point next, double rho) {
            lambda *= Math.max(1.0 / 3, 1 - Math.pow(2 * rho - 1, 3));
            nu = 2;
            double change = Math.abs(at.f - next.f);
            double size = Math.max(Math.abs(at.f), Math.abs(next.f));
            moveTo(k, next);
            if (functionTolerance > 0 && change <= functionTolerance * size) {
                return result(at, projectedGradient(at, lower, upper), k + 1, evaluations, true,
                        "relative change of f " + (size == 0 ? 0 : change / size) + " <= " + functionTolerance,
                        history);
            }
            return null;
        }

        /** A failed trial: λ ← λ·ν, ν ← 2ν (Nielsen), so repeated failures raise λ ever faster. */
        private void raiseDamping() {
            lambda *= nu;
            nu *= 2;
        }

        /** The accepted point of iteration k + 1, recorded and reported. */
        private void moveTo(int k, Point next) {
            at = next;
            history[k + 1] = at.f;
            ProjectedLevenbergMarquardt.notify(listener, k + 1, at);
        }
    }

    /** The projected step P(x + d) − x for damping λ. */
    private static double[] step(Point at, boolean[] free, double lambda, double[] lo, double[] hi) {
        int n = at.x.length;
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            maxDiag = Math.max(maxDiag, at.b[i][i]);
        }
        double floor = maxDiag > 0 ? 1e-12 * maxDiag : 1;
        int[] index = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (free[i]) {
                index[m++] = i;
            }
        }
        double[][] a = new double[m][m];
        double[] rhs = new double[m];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                a[r][c] = at.b[index[r]][index[c]];
            }
            a[r][r] += lambda * Math.max(at.b[index[r]][index[r]], floor);
            rhs[r] = -at.g[index[r]];
        }
        double[] dFree = Cholesky.solve(a, rhs);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = -at.g[i] / ((1 + lambda) * Math.max(at.b[i][i], floor));
        }
        for (int r = 0; r < m; r++) {
            d[index[r]] = dFree[r];
        }
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.min(hi[i], Math.max(lo[i], at.x[i] + d[i])) - at.x[i];
        }
        return s;
    }

    private static boolean[] freeSet(Point at, double[] lo, double[] hi, double eps) {
        boolean[] free = new boolean[at.x.length];
        for (int i = 0; i < free.length; i++) {
            boolean atLower = at.x[i] - lo[i] <= eps && at.g[i] > 0;
            boolean atUpper = hi[i] - at.x[i] <= eps && at.g[i] < 0;
            free[i] = !(atLower || atUpper);
        }
        return free;
    }

    private static double projectedGradient(Point at, double[] lo, double[] hi) {
        double m = 0;
        for (int i = 0; i < at.x.length; i++) {
            m = Math.max(m, Math.abs(at.x[i] - Math.min(hi[i], Math.max(lo[i], at.x[i] - at.g[i]))));
        }
        return m;
    }

    /** x, f(x), ∇f(x) and B(x). */
    private record Point(double[] x, double f, double[] g, double[][] b) {
        static Point of(CurvatureObjective f, double[] x) {
            int n = x.length;
            double[] g = new double[n];
            double[][] b = new double[n][n];
            double v = f.valueGradientCurvature(x.clone(), g, b);
            return new Point(x, v, g, b);
        }

        boolean finite() {
            if (!Double.isFinite(f)) {
                return false;
            }
            for (int i = 0; i < g.length; i++) {
                if (!Double.isFinite(g[i])) {
                    return false;
                }
                for (double e : b[i]) {
                    if (!Double.isFinite(e)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private static OptimizationResult result(Point at, double pg, int iterations, int evaluations, boolean converged,
                                             String reason, double[] history) {
        return new OptimizationResult(at.x, at.f, pg, iterations, evaluations, converged, reason,
                Arrays.copyOf(history, iterations + 1));
    }

    private static void notify(IterationListener listener, int k, Point at) {
        if (listener != null) {
            listener.onIteration(k, at.x.clone(), at.f, at.g.clone());
        }
    }

    private static double[] add(double[] x, double[] s) {
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] + s[i];
        }
        return y;
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }

    private static double quadratic(double[][] b, double[] s) {
        double q = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                q += s[i] * b[i][j] * s[j];
            }
        }
        return q;
    }

    /** Cholesky factorization and solve of a small symmetric positive definite system. */
    private static final class Cholesky {
        private Cholesky() {
        }

        static double[] solve(double[][] a, double[] b) {
            int n = b.length;
            double[][] l = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double sum = a[i][j];
                    for (int k = 0; k < j; k++) {
                        sum -= l[i][k] * l[j][k];
                    }
                    if (i == j) {
                        // λD > 0 keeps the damped matrix positive definite; guard rounding anyway
                        l[i][i] = Math.sqrt(Math.max(sum, Double.MIN_NORMAL));
                    } else {
                        l[i][j] = sum / l[j][j];
                    }
                }
            }
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double sum = b[i];
                for (int k = 0; k < i; k++) {
                    sum -= l[i][k] * y[k];
                }
                y[i] = sum / l[i][i];
            }
            double[] x = new double[n];
            for (int i = n - 1; i >= 0; i--) {
                double sum = y[i];
                for (int k = i + 1; k < n; k++) {
                    sum -= l[k][i] * x[k];
                }
                x[i] = sum / l[i][i];
            }
            return x;
        }
    }
}
