package dev.leibniz.core.optim;

import java.util.Arrays;

/**
 * Limited-memory BFGS for bound constraints lo ≤ x ≤ hi, by two-metric gradient projection
 * (Bertsekas 1982, "Projected Newton methods for optimization problems with simple constraints",
 * SIAM J. Control Optim. 20; the limited-memory form as in Kim, Sra &amp; Dhillon 2010).
 *
 * <p>Each iteration splits the coordinates by the ε-active set
 * <pre>  A = { i : (xᵢ − loᵢ ≤ ε and gᵢ &gt; 0) or (hiᵢ − xᵢ ≤ ε and gᵢ &lt; 0) },   ε = min(ε₀, ‖x − P(x − g)‖∞),</pre>
 * the coordinates on (or within ε of) a bound that the gradient pushes outwards. On the free set
 * F the direction is quasi-Newton, d_F = −H_F g_F, from the two-loop recursion over the stored
 * pairs (sᵢ, yᵢ) restricted to F (a pair with s_Fᵀy_F ≤ 1e-10·‖s_F‖·‖y_F‖ is left out, so H_F stays
 * positive definite); on A it is scaled steepest descent, d_A = −γ g_A with γ = sᵀy / yᵀy of the
 * newest pair. The step follows the projected path x(α) = P(x + α·d), P the clip onto the box,
 * backtracking from α = 1 until the Armijo condition along the path
 * <pre>  f(x(α)) ≤ f(x) + c₁ · ∇f(x)ᵀ(x(α) − x)</pre>
 * holds. Coordinates reach a bound in one step and leave it as soon as the gradient turns, so,
 * unlike a smooth change of variables (θ = lo + (hi − lo)·σ(z), whose dθ/dz vanishes at the
 * bounds), a minimum on a bound costs no more iterations than one inside.
 *
 * <p>Against Byrd, Lu, Nocedal &amp; Zhu's L-BFGS-B (1995): no generalized Cauchy point and no
 * subspace minimization with the compact representation, hence far less code; the price is that
 * the active set is guessed from the gradient's sign rather than from the model's piecewise-
 * quadratic path, which can take a few more iterations when many bounds change at once. Should the
 * quasi-Newton path fail to decrease f (possible when it is projected), the memory is cleared and
 * the projected steepest-descent path, which always descends, is tried.
 *
 * <p>Stopping, as L-BFGS-B: converged when the projected gradient ‖x − P(x − ∇f)‖∞ ≤
 * {@code gradientTolerance}, or when the relative change of f in one iteration is at most
 * {@code functionTolerance}. The result's {@code gradientNorm} is that projected gradient (∞-norm),
 * which is 0 at a minimum on a bound whose gradient is not.
 *
 * <p>Non-finite f or ∇f (an ODE solver that failed at the trial point) counts as a failed trial:
 * the step is cut by 10. The starting point (projected onto the box first) must be finite.
 * Instances are immutable; the {@code with…} methods return modified copies.
 */
public final class ProjectedLbfgs {
    private static final String NAME = "projected L-BFGS";
    private static final double EPSILON_MAX = 1e-3;
    private static final double C1 = 1e-4;

    private final LbfgsSettings settings;

    /** Memory 10, at most 1000 iterations, projected gradient ≤ 1e-8, relative change of f ≤ 1e-15, 30 trials a step. */
    public ProjectedLbfgs() {
        this(LbfgsSettings.DEFAULT);
    }

    private ProjectedLbfgs(LbfgsSettings settings) {
        this.settings = settings.checkedFor(NAME);
    }

    public ProjectedLbfgs withMemory(int m) {
        return new ProjectedLbfgs(settings.withMemory(m));
    }

    public ProjectedLbfgs withMaxIterations(int n) {
        return new ProjectedLbfgs(settings.withMaxIterations(n));
    }

    /** Converged when ‖x − P(x − ∇f)‖∞ ≤ tol. */
    public ProjectedLbfgs withGradientTolerance(double tol) {
        return new ProjectedLbfgs(settings.withGradientTolerance(tol));
    }

    /**
     * Converged when the relative change of f in one iteration is ≤ tol; 0 disables the test (a run
     * creeping across a plateau, where f changes by less than its rounding for many iterations before
     * it finds the way down, then ends only by the gradient test, a failed line search or the limit).
     */
    public ProjectedLbfgs withFunctionTolerance(double tol) {
        return new ProjectedLbfgs(settings.withFunctionTolerance(tol));
    }

    public ProjectedLbfgs withMaxLineSearchEvaluations(int n) {
        return new ProjectedLbfgs(settings.withMaxLineSearchEvaluations(n));
    }

    /** Minimises {@code f} over the box from {@code x0} (not modified). */
    public OptimizationResult minimize(Objective f, double[] x0, double[] lower, double[] upper) {
        return minimize(f, x0, lower, upper, null);
    }

    /**
     * Minimises {@code f} over lo ≤ x ≤ hi from {@code x0}, projected onto the box first.
     * Infinite bounds are allowed (all infinite: plain L-BFGS with a backtracking line search).
     *
     * @param listener told about the start and every accepted step; may be null
     */
    public OptimizationResult minimize(Objective f, double[] x0, double[] lower, double[] upper,
                                       IterationListener listener) {
        double[] x = checked(f, x0, lower, upper);
        BoundedRun run = new BoundedRun(f, x, lower, upper, listener);
        for (int k = 0; k < settings.maxIterations(); k++) {
            if (run.projectedGradient() <= settings.gradientTolerance()) {
                return run.result(k, true, "projected gradient " + run.projectedGradient() + " <= " + settings.gradientTolerance());
            }
            double fPrev = run.fx;
            String failure = run.iterate(k);
            if (failure != null) {
                // at a minimum of a noisy f (an ODE solved to a tolerance) this is the usual end
                return run.result(k, false, failure + "; projected gradient " + run.projectedGradient());
            }
            double change = Math.abs(fPrev - run.fx);
            double size = Math.max(Math.abs(fPrev), Math.abs(run.fx));
            if (settings.functionTolerance() > 0 && change <= settings.functionTolerance() * size) {
                return run.result(k + 1, true, "relative change of f " + (size == 0 ? 0 : change / size) + " <= "
                        + settings.functionTolerance());
            }
        }
        if (run.projectedGradient() <= settings.gradientTolerance()) {
            return run.result(settings.maxIterations(), true, "projected gradient " + run.projectedGradient() + " <= " + settings.gradientTolerance());
        }
        return run.result(settings.maxIterations(), false, "maximum number of iterations (" + settings.maxIterations() + ") reached");
    }

    /** Validates the arguments and returns x0 clipped onto the box. */
    private static double[] checked(Objective f, double[] x0, double[] lower, double[] upper) {
        if (f == null) {
            throw new OptimizationException(NAME + ": the objective is null");
        }
        return checkedStart(NAME, x0, lower, upper);
    }

    /** Validates a starting point and its box (for {@code owner}'s messages) and returns x0 clipped onto the box. */
    static double[] checkedStart(String owner, double[] x0, double[] lower, double[] upper) {
        if (x0 == null || lower == null || upper == null) {
            throw new OptimizationException(owner + ": the " + (x0 == null ? "starting point"
                    : lower == null ? "lower bound" : "upper bound") + " is null");
        }
        if (x0.length == 0) {
            throw new OptimizationException(owner + ": there are no parameters to optimise");
        }
        if (lower.length != x0.length || upper.length != x0.length) {
            throw new OptimizationException(owner + ": " + x0.length + " parameters but " + lower.length
                    + " lower and " + upper.length + " upper bounds");
        }
        double[] x = new double[x0.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(lower[i]) || Double.isNaN(upper[i]) || lower[i] > upper[i]) {
                throw new OptimizationException(owner + ": parameter " + i + " has bounds [" + lower[i] + ", " + upper[i]
                        + "], need lower <= upper");
            }
            if (!Double.isFinite(x0[i])) {
                throw new OptimizationException(owner + ": the starting point's parameter " + i + " is " + x0[i]);
            }
            x[i] = Math.min(upper[i], Math.max(lower[i], x0[i]));
        }
        return x;
    }

    /** The state of one minimisation: iterate, value, gradient, the pair memory (a ring), history, counts. */
    private final class BoundedRun {
        private final Objective f;
        private final double[] lo;
        private final double[] hi;
        private final IterationListener listener;
        private final LbfgsPairs pairs;
        private double[] x;
        private double[] g;
        private double fx;
        private int evaluations;
        private double[] history;

        BoundedRun(Objective f, double[] x, double[] lo, double[] hi, IterationListener listener) {
            this.f = f;
            this.lo = lo;
            this.hi = hi;
            this.listener = listener;
            this.pairs = new LbfgsPairs(settings.memory());
            this.x = x;
            this.g = new double[x.length];
            this.fx = f.valueAndGradient(x.clone(), g);
            this.evaluations = 1;
            if (!Double.isFinite(fx) || !allFinite(g)) {
                throw new OptimizationException(NAME + ": the objective is not finite at the starting point (iteration 0): f = "
                        + fx + ", gradient " + (allFinite(g) ? "finite" : "has non-finite entries"));
            }
            this.history = new double[Math.min(settings.maxIterations(), 1023) + 1];
            history[0] = fx;
            notifyListener(0);
        }

        /** ‖x − P(x − ∇f)‖∞. */
        double projectedGradient() {
            double m = 0;
            for (int i = 0; i < x.length; i++) {
                m = Math.max(m, Math.abs(x[i] - clip(x[i] - g[i], i)));
            }
            return m;
        }

        /**
         * One iteration: the two-metric direction, a projected backtracking search along it, and
         * (when that fails) along projected steepest descent with a cleared memory.
         *
         * @return null when a step was accepted, otherwise why the run must stop
         */
        String iterate(int k) {
            boolean[] free = freeSet();
            double[] d = pairs.direction(g, free);
            if (d == null) {
                d = steepest();
            }
            if (search(d, k)) {
                return null;
            }
            if (pairs.isEmpty()) {
                return "line search failed at iteration " + (k + 1) + " (" + settings.maxLineSearchEvaluations()
                        + " trials along projected steepest descent without sufficient decrease)";
            }
            pairs.clear();
            if (search(steepest(), k)) {
                return null;
            }
            return "line search failed at iteration " + (k + 1) + " (no sufficient decrease along the quasi-Newton"
                    + " or the projected steepest-descent path)";
        }

        /** The complement of the ε-active set. */
        private boolean[] freeSet() {
            double eps = Math.min(EPSILON_MAX, projectedGradient());
            boolean[] free = new boolean[x.length];
            for (int i = 0; i < x.length; i++) {
                boolean atLower = x[i] - lo[i] <= eps && g[i] > 0;
                boolean atUpper = hi[i] - x[i] <= eps && g[i] < 0;
                free[i] = !(atLower || atUpper);
            }
            return free;
        }

        /** −γ∇f with γ from the newest pair, or min(1, 1/‖∇f‖₂) with an empty memory. */
        private double[] steepest() {
            double gamma = pairs.scaling();
            if (Double.isNaN(gamma)) {
                gamma = Math.min(1.0, 1.0 / Math.sqrt(dot(g, g)));
            }
            double[] d = new double[g.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = -gamma * g[i];
            }
            return d;
        }

        /**
         * Backtracks along x(α) = P(x + α·d) from α = 1: a quadratic-interpolation step kept in
         * [0.1α, 0.5α], or α/10 after a non-finite trial. On success moves to the accepted point.
         */
        private boolean search(double[] d, int k) {
            double alpha = 1;
            int n = x.length;
            double[] trial = new double[n];
            double[] gt = new double[n];
            for (int e = 0; e < settings.maxLineSearchEvaluations(); e++) {
                double slope = 0;
                boolean moved = false;
                for (int i = 0; i < n; i++) {
                    trial[i] = clip(x[i] + alpha * d[i], i);
                    slope += g[i] * (trial[i] - x[i]);
                    moved |= trial[i] != x[i];
                }
                if (!moved || !(slope < 0)) {
                    return false; // the path does not descend (or the step underflowed)
                }
                double ft = f.valueAndGradient(trial.clone(), gt);
                evaluations++;
                boolean finite = Double.isFinite(ft) && allFinite(gt);
                if (finite && ft <= fx + C1 * slope) {
                    accept(trial, ft, gt, k + 1);
                    return true;
                }
                if (!finite) {
                    alpha *= 0.1;
                } else {
                    // minimiser of the quadratic through φ(0), φ'(0) = slope/α and φ(α)
                    double next = -slope * alpha / (2 * (ft - fx - slope));
                    alpha = Math.min(0.5 * alpha, Math.max(0.1 * alpha, next));
                }
            }
            return false;
        }

        private void accept(double[] trial, double ft, double[] gt, int k) {
            int n = x.length;
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = trial[i] - x[i];
                y[i] = gt[i] - g[i];
            }
            pairs.add(s, y);
            x = trial.clone();
            g = gt.clone();
            fx = ft;
            if (k == history.length) {
                history = Arrays.copyOf(history, 2 * history.length);
            }
            history[k] = fx;
            notifyListener(k);
        }

        private double clip(double v, int i) {
            return Math.min(hi[i], Math.max(lo[i], v));
        }

        private void notifyListener(int k) {
            if (listener != null) {
                listener.onIteration(k, x.clone(), fx, g.clone());
            }
        }

        OptimizationResult result(int iterations, boolean converged, String reason) {
            return new OptimizationResult(x, fx, projectedGradient(), iterations, evaluations, converged, reason,
                    Arrays.copyOf(history, iterations + 1));
        }
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }

    private static boolean allFinite(double[] v) {
        for (double e : v) {
            if (!Double.isFinite(e)) {
                return false;
            }
        }
        return true;
    }
}
