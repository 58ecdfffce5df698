package dev.leibniz.core.optim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The state of one {@link Lbfgsb} minimisation: the iterate x with its value and gradient, the
 * stored (s, y) pairs with the scale θ of B's starting matrix θI, the history of f and the counts.
 * {@link #minimize()} runs the iterations; each is the model step (Cauchy point, then subspace
 * minimisation), an Armijo line search along it, the pair update and the stopping tests.
 */
final class LbfgsbRun {
    private static final double C1 = 1e-4;
    private static final double PAIR_EPS = 2.2e-16;

    private final Objective f;
    private final double[] lower;
    private final double[] upper;
    private final IterationListener listener;
    private final LbfgsSettings settings;
    private final int n;
    private final List<Double> history = new ArrayList<>();
    private final Deque<double[][]> pairs = new ArrayDeque<>();
    private double[] x;
    private double[] g;
    private double fx;
    private int evaluations;
    private double theta = 1;
    private int k;
    private int stepsSinceRestart = Integer.MAX_VALUE / 2;
    // the last trial point of the line search, its gradient and value
    private double[] xt;
    private double[] gt;
    private double ft;

    /** Evaluates f at the (already projected) start x and tells the listener about iteration 0. */
    LbfgsbRun(Objective f, double[] x, double[] lower, double[] upper, IterationListener listener,
              LbfgsSettings settings) {
        this.f = f;
        this.lower = lower;
        this.upper = upper;
        this.listener = listener;
        this.settings = settings;
        this.x = x;
        this.n = x.length;
        this.g = new double[n];
        this.fx = f.valueAndGradient(x.clone(), g);
        this.evaluations = 1;
        if (!Double.isFinite(fx) || !finite(g)) {
            throw new OptimizationException(Lbfgsb.NAME
                    + ": the objective is not finite at the starting point (iteration 0): f = " + fx);
        }
        history.add(fx);
        notifyListener();
    }

    /** Iterates until a stopping test holds or the iteration limit is reached. */
    OptimizationResult minimize() {
        while (k < settings.maxIterations()) {
            double pg = Lbfgsb.projectedGradient(x, g, lower, upper);
            if (pg <= settings.gradientTolerance()) {
                return result(pg, true, "projected gradient " + pg + " <= " + settings.gradientTolerance());
            }
            double[] d = modelStep();
            double gd = dot(g, d);
            // on the first iteration B = I knows no scale: start with a step of length at most 1
            double alpha = pairs.isEmpty() ? Math.min(1, 1 / Math.sqrt(dot(d, d))) : 1;
            if (!lineSearch(d, gd, alpha)) {
                if (!pairs.isEmpty() && stepsSinceRestart > 1) {
                    restart();
                    continue;
                }
                return lineSearchFailure(pg, gd);
            }
            OptimizationResult stop = acceptTrial();
            if (stop != null) {
                return stop;
            }
        }
        double pg = Lbfgsb.projectedGradient(x, g, lower, upper);
        return result(pg, pg <= settings.gradientTolerance(),
                "maximum number of iterations (" + settings.maxIterations() + ") reached; projected gradient " + pg);
    }

    /**
     * d = x̄ − x, where x̄ minimises the quadratic model m(x + z) = f + gᵀz + ½zᵀBz: the generalized
     * Cauchy point fixes the active set, then the free coordinates take the subspace Newton step.
     */
    private double[] modelStep() {
        double[][] b = Lbfgsb.denseB(pairs, theta, n);
        double[] xc = Lbfgsb.cauchyPoint(x, g, b, lower, upper);
        double[] xbar = Lbfgsb.subspaceStep(x, g, b, xc, lower, upper);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = xbar[i] - x[i];
        }
        return d;
    }

    /**
     * Backtracking Armijo search along P(x + αd): accepts the first trial with
     * f(x_t) ≤ f(x) + c₁·α·gᵀd, else moves α to the minimiser of the parabola through f(x),
     * f'(x; d) = gᵀd and f(x + αd), kept in [0.1α, 0.5α]; a non-finite trial cuts α by 10.
     * Leaves the last trial in xt, gt, ft.
     *
     * @return whether a trial was accepted (never, when d is not a descent direction)
     */
    private boolean lineSearch(double[] d, double gd, double alpha) {
        xt = null;
        gt = new double[n];
        ft = Double.NaN;
        for (int trial = 0; trial < settings.maxLineSearchEvaluations() && gd < 0; trial++) {
            xt = new double[n];
            for (int i = 0; i < n; i++) {
                xt[i] = Math.min(upper[i], Math.max(lower[i], x[i] + alpha * d[i]));
            }
            Arrays.fill(gt, 0);
            ft = f.valueAndGradient(xt.clone(), gt);
            evaluations++;
            if (!Double.isFinite(ft) || !finite(gt)) {
                alpha *= 0.1;
                continue;
            }
            if (ft <= fx + C1 * alpha * gd) {
                return true;
            }
            double q = -gd * alpha * alpha / (2 * (ft - fx - gd * alpha));
            alpha = Math.max(0.1 * alpha, Math.min(0.5 * alpha, q));
        }
        return false;
    }

    /** The quasi-Newton model misled the step: forget the pairs and start again from B = I. */
    private void restart() {
        pairs.clear();
        theta = 1;
        stepsSinceRestart = 0;
    }

    /** The result when the line search failed and a restart from B = I cannot help. */
    private OptimizationResult lineSearchFailure(double pg, double gd) {
        if (!pairs.isEmpty()) {
            // failed again right after a restart: f is at its noise floor or at a kink
            return result(pg, false, "the line search failed again one step after"
                    + " restarting from B = I; projected gradient " + pg);
        }
        return result(pg, false, (gd < 0 ? "the line search found no decrease in "
                + settings.maxLineSearchEvaluations() + " trials" : "no descent direction") + "; projected gradient " + pg);
    }

    /**
     * Moves to the accepted trial: stores the pair s = x_t − x, y = g_t − g, tells the listener,
     * then applies the two tests that end a run after a step (relative change of f, step below
     * the rounding of x).
     *
     * @return null to go on, otherwise the result of the run
     */
    private OptimizationResult acceptTrial() {
        double[] s = updatePairs();
        double change = Math.abs(fx - ft);
        double size = Math.max(Math.abs(fx), Math.abs(ft));
        boolean rounding = belowRounding(s);
        x = xt;
        fx = ft;
        g = gt.clone();
        k++;
        stepsSinceRestart++;
        history.add(fx);
        notifyListener();
        if (settings.functionTolerance() > 0 && change <= settings.functionTolerance() * size) {
            return result(Lbfgsb.projectedGradient(x, g, lower, upper), true,
                    "relative change of f " + (size == 0 ? 0 : change / size) + " <= " + settings.functionTolerance());
        }
        if (rounding) {
            // what ends a run that creeps to a kink of f by ever smaller steps
            double pgNow = Lbfgsb.projectedGradient(x, g, lower, upper);
            return result(pgNow, pgNow <= settings.gradientTolerance(),
                    "the step is below the rounding of x (4 ulp in every coordinate); projected gradient " + pgNow);
        }
        return null;
    }

    /**
     * Forms s = x_t − x and y = g_t − g and keeps the pair (dropping the oldest beyond
     * {@code memory}) when sᵀy &gt; ε·yᵀy, which keeps B positive definite; then θ = yᵀy/sᵀy.
     *
     * @return s
     */
    private double[] updatePairs() {
        double[] s = new double[n];
        double[] y = new double[n];
        double sy = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            s[i] = xt[i] - x[i];
            y[i] = gt[i] - g[i];
            sy += s[i] * y[i];
            yy += y[i] * y[i];
        }
        if (sy > PAIR_EPS * yy) {
            if (pairs.size() == settings.memory()) {
                pairs.removeFirst();
            }
            pairs.addLast(new double[][] {s, y});
            theta = yy / sy;
        }
        return s;
    }

    /** Whether the step s moves no coordinate by more than 4 ulp of the larger of |xᵢ|, |x_tᵢ|. */
    private boolean belowRounding(double[] s) {
        boolean rounding = true;
        for (int i = 0; i < n && rounding; i++) {
            rounding = Math.abs(s[i]) <= 4 * Math.ulp(Math.max(Math.abs(x[i]), Math.abs(xt[i])));
        }
        return rounding;
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }

    private static boolean finite(double[] v) {
        for (double e : v) {
            if (!Double.isFinite(e)) {
                return false;
            }
        }
        return true;
    }

    private void notifyListener() {
        if (listener != null) {
            listener.onIteration(k, x.clone(), fx, g.clone());
        }
    }

    private OptimizationResult result(double pg, boolean converged, String reason) {
        return new OptimizationResult(x, fx, pg, k, evaluations, converged, reason,
                history.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
