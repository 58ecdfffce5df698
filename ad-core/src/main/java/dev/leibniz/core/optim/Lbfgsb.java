package dev.leibniz.core.optim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * L-BFGS-B (Byrd, Lu, Nocedal &amp; Zhu 1995, "A limited memory algorithm for bound constrained
 * optimization", SIAM J. Sci. Comput. 16; with Morales &amp; Nocedal's 2011 subspace step) for
 * lo ≤ x ≤ hi. Each iteration minimises the quadratic model
 * <pre>  m(x + z) = f + gᵀz + ½ zᵀBz</pre>
 * (B the limited-memory BFGS matrix of the last {@code memory} pairs, started from θI with
 * θ = yᵀy/sᵀy of the newest pair) in two stages:
 * <ol>
 * <li>the <b>generalized Cauchy point</b> x^c: the first local minimiser of m along the projected
 * steepest-descent path x(t) = P(x − t g). The path is piecewise linear, with a breakpoint where
 * each coordinate reaches its bound (tᵢ = (xᵢ − hiᵢ)/gᵢ for gᵢ &lt; 0, (xᵢ − loᵢ)/gᵢ for gᵢ &gt; 0);
 * on each segment m is a parabola with slope f' = gᵀd + dᵀBz and curvature f'' = dᵀBd, updated in
 * O(n) per breakpoint as coordinates leave d. The coordinates at a bound at x^c form the active set:
 * it is read off the model's own path, not guessed from the gradient's sign.</li>
 * <li><b>subspace minimisation</b> over the other (free) coordinates F with the active ones held:
 * the Newton step d_F = −(B_FF)⁻¹ (g + B(x^c − x))_F, projected onto the box, or, if that does
 * not point downhill, truncated to stay inside it.</li>
 * </ol>
 * A line search along x̄ − x (Armijo, backtracking from step 1, or from 1/‖x̄ − x‖ on the first
 * iteration, when B = I knows no scale) gives the next iterate; the pair (s, y) is kept when
 * sᵀy &gt; ε·yᵀy, which keeps B positive definite.
 *
 * <p>B is formed as a dense n × n matrix by applying the stored BFGS updates to θI (O(m·n²) per
 * iteration, O(n²) memory), and the subspace system is solved by Cholesky (O(|F|³)), instead of
 * the paper's compact representation B = θI − W M Wᵀ with its O(m·n) products. The results are
 * the same matrices; the dense form is far less code and is cheap for what it is used on here:
 * calibrations with tens to a few hundred parameters. For millions of parameters use
 * {@link Lbfgs} (unconstrained) or {@link ProjectedLbfgs}, which never forms B.
 *
 * <p>Against {@link ProjectedLbfgs} (two-metric projection): the active set comes from the model
 * rather than from the gradient's sign, so a step can fix several bounds and free others at once,
 * and the free-subspace step accounts for the coupling through B with the active coordinates.
 *
 * <p>Stopping: converged when the projected gradient ‖x − P(x − ∇f)‖∞ ≤ {@code gradientTolerance}
 * or the relative change of f in one iteration is at most {@code functionTolerance}; not converged
 * at the iteration limit or when the line search fails with an empty memory or again right after
 * a restart (a failure with pairs stored clears them and retries from B = I; at a kink of f, such
 * as a Laplace likelihood's, restarts would otherwise alternate with tiny steps to the iteration
 * limit), or when an accepted step moves no coordinate by more than 4 ulp (what ends a run
 * that creeps to a kink by ever smaller steps). A non-finite trial cuts the step by 10. Instances
 * are immutable.
 */
public final class Lbfgsb {
    private static final String NAME = "L-BFGS-B";
    private static final double C1 = 1e-4;
    private static final double PAIR_EPS = 2.2e-16;

    private final LbfgsSettings settings;

    /** Memory 10, at most 1000 iterations, projected gradient ≤ 1e-8, relative change of f ≤ 1e-15, 30 trials a step. */
    public Lbfgsb() {
        this(LbfgsSettings.DEFAULT);
    }

    private Lbfgsb(LbfgsSettings settings) {
        this.settings = settings.checkedFor(NAME);
    }

    public Lbfgsb withMemory(int m) {
        return new Lbfgsb(settings.withMemory(m));
    }

    public Lbfgsb withMaxIterations(int n) {
        return new Lbfgsb(settings.withMaxIterations(n));
    }

    /** Converged when ‖x − P(x − ∇f)‖∞ ≤ tol. */
    public Lbfgsb withGradientTolerance(double tol) {
        return new Lbfgsb(settings.withGradientTolerance(tol));
    }

    /** Converged when the relative change of f in one iteration is ≤ tol; 0 disables the test. */
    public Lbfgsb withFunctionTolerance(double tol) {
        return new Lbfgsb(settings.withFunctionTolerance(tol));
    }

    public Lbfgsb withMaxLineSearchEvaluations(int n) {
        return new Lbfgsb(settings.withMaxLineSearchEvaluations(n));
    }

    /** Minimises {@code f} over the box from {@code x0} (not modified). */
    public OptimizationResult minimize(Objective f, double[] x0, double[] lower, double[] upper) {
        return minimize(f, x0, lower, upper, null);
    }

    /**
     * Minimises {@code f} over lo ≤ x ≤ hi from {@code x0}, projected onto the box first. Infinite
     * bounds are allowed.
     *
     * @param listener told about the start and every accepted step; may be null
     */
    public OptimizationResult minimize(Objective f, double[] x0, double[] lower, double[] upper,
                                       IterationListener listener) {
        if (f == null) {
            throw new OptimizationException(NAME + ": the objective is null");
        }
        double[] x = ProjectedLbfgs.checkedStart(NAME, x0, lower, upper);
        int n = x.length;
        double[] g = new double[n];
        double fx = f.valueAndGradient(x.clone(), g);
        int evaluations = 1;
        if (!Double.isFinite(fx) || !finite(g)) {
            throw new OptimizationException(NAME + ": the objective is not finite at the starting point (iteration 0): f = "
                    + fx);
        }
        List<Double> history = new ArrayList<>();
        history.add(fx);
        notify(listener, 0, x, fx, g);
        Deque<double[][]> pairs = new ArrayDeque<>();
        double theta = 1;
        int k = 0;
        int stepsSinceRestart = Integer.MAX_VALUE / 2;
        while (k < settings.maxIterations()) {
            double pg = projectedGradient(x, g, lower, upper);
            if (pg <= settings.gradientTolerance()) {
                return result(x, fx, pg, k, evaluations, true, "projected gradient " + pg + " <= " + settings.gradientTolerance(),
                        history);
            }
            double[][] b = denseB(pairs, theta, n);
            double[] xc = cauchyPoint(x, g, b, lower, upper);
            double[] xbar = subspaceStep(x, g, b, xc, lower, upper);
            double[] d = new double[n];
            double gd = 0;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                d[i] = xbar[i] - x[i];
                gd += g[i] * d[i];
                norm += d[i] * d[i];
            }
            double alpha = pairs.isEmpty() ? Math.min(1, 1 / Math.sqrt(norm)) : 1;
            double[] xt = null;
            double[] gt = new double[n];
            double ft = Double.NaN;
            boolean accepted = false;
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
                    accepted = true;
                    break;
                }
                // the minimiser of the parabola through f(x), f'(x; d) and f(x + αd), kept in [0.1α, 0.5α]
                double q = -gd * alpha * alpha / (2 * (ft - fx - gd * alpha));
                alpha = Math.max(0.1 * alpha, Math.min(0.5 * alpha, q));
            }
            if (!accepted) {
                if (!pairs.isEmpty() && stepsSinceRestart > 1) {
                    pairs.clear(); // the quasi-Newton model misled the step: start again from B = I
                    theta = 1;
                    stepsSinceRestart = 0;
                    continue;
                }
                if (!pairs.isEmpty()) {
                    // failed again right after a restart: f is at its noise floor or at a kink
                    return result(x, fx, pg, k, evaluations, false, "the line search failed again one step after"
                            + " restarting from B = I; projected gradient " + pg, history);
                }
                return result(x, fx, pg, k, evaluations, false, (gd < 0 ? "the line search found no decrease in "
                        + settings.maxLineSearchEvaluations() + " trials" : "no descent direction") + "; projected gradient " + pg,
                        history);
            }
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
            double change = Math.abs(fx - ft);
            double size = Math.max(Math.abs(fx), Math.abs(ft));
            boolean rounding = true;
            for (int i = 0; i < n && rounding; i++) {
                rounding = Math.abs(s[i]) <= 4 * Math.ulp(Math.max(Math.abs(x[i]), Math.abs(xt[i])));
            }
            x = xt;
            fx = ft;
            g = gt.clone();
            k++;
            stepsSinceRestart++;
            history.add(fx);
            notify(listener, k, x, fx, g);
            if (settings.functionTolerance() > 0 && change <= settings.functionTolerance() * size) {
                return result(x, fx, projectedGradient(x, g, lower, upper), k, evaluations, true,
                        "relative change of f " + (size == 0 ? 0 : change / size) + " <= " + settings.functionTolerance(), history);
            }
            if (rounding) {
                double pgNow = projectedGradient(x, g, lower, upper);
                return result(x, fx, pgNow, k, evaluations, pgNow <= settings.gradientTolerance(),
                        "the step is below the rounding of x (4 ulp in every coordinate); projected gradient " + pgNow,
                        history);
            }
        }
        double pg = projectedGradient(x, g, lower, upper);
        return result(x, fx, pg, k, evaluations, pg <= settings.gradientTolerance(),
                "maximum number of iterations (" + settings.maxIterations() + ") reached; projected gradient " + pg, history);
    }

    /** θI updated by the stored pairs, oldest first: B ← B − Bs sᵀB / sᵀBs + y yᵀ / yᵀs. */
    static double[][] denseB(Iterable<double[][]> pairs, double theta, int n) {
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            b[i][i] = theta;
        }
        for (double[][] pair : pairs) {
            double[] s = pair[0];
            double[] y = pair[1];
            double[] bs = times(b, s);
            double sbs = dot(s, bs);
            double ys = dot(y, s);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    b[i][j] += -bs[i] * bs[j] / sbs + y[i] * y[j] / ys;
                }
            }
        }
        return b;
    }

    /**
     * The generalized Cauchy point: the first local minimiser of gᵀz + ½zᵀBz along the projected
     * path z(t) = P(x − t g) − x (Byrd et al. 1995, algorithm CP, with a dense B).
     */
    static double[] cauchyPoint(double[] x, double[] g, double[][] b, double[] lo, double[] hi) {
        int n = x.length;
        double[] t = new double[n];
        double[] d = new double[n];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t[i] = g[i] < 0 ? (x[i] - hi[i]) / g[i] : g[i] > 0 ? (x[i] - lo[i]) / g[i] : Double.POSITIVE_INFINITY;
            d[i] = t[i] == 0 ? 0 : -g[i];
            if (t[i] > 0 && t[i] < Double.POSITIVE_INFINITY) {
                order.add(i);
            }
        }
        order.sort((i, j) -> Double.compare(t[i], t[j]));
        double[] z = new double[n];
        double[] bd = times(b, d);
        double[] bz = new double[n];
        double fp = dot(g, d);
        double fpp = dot(d, bd);
        double tOld = 0;
        for (int bp : order) {
            if (fp >= 0) {
                return add(x, z, lo, hi);
            }
            double dt = t[bp] - tOld;
            if (fpp > 0 && -fp / fpp < dt) {
                break;
            }
            // advance to the breakpoint, where coordinate bp reaches its bound and leaves d
            for (int i = 0; i < n; i++) {
                z[i] += dt * d[i];
                bz[i] += dt * bd[i];
            }
            tOld = t[bp];
            double zb = (d[bp] > 0 ? hi[bp] : lo[bp]) - x[bp];
            double db = d[bp];
            for (int i = 0; i < n; i++) {
                bz[i] += b[i][bp] * (zb - z[bp]);
                bd[i] -= b[i][bp] * db;
            }
            z[bp] = zb;
            d[bp] = 0;
            fp = dot(g, d) + dot(d, bz);
            fpp = dot(d, bd);
        }
        if (fp < 0 && fpp > 0) {
            double dt = -fp / fpp;
            for (int i = 0; i < n; i++) {
                z[i] += dt * d[i];
            }
        }
        return add(x, z, lo, hi);
    }

    /**
     * x̄: the model minimised over the coordinates free at x^c (strictly inside their bounds) with
     * the others held; the Newton point projected onto the box if that still points downhill from
     * x, else the Newton step truncated at the first bound it meets (Morales &amp; Nocedal 2011).
     */
    static double[] subspaceStep(double[] x, double[] g, double[][] b, double[] xc, double[] lo, double[] hi) {
        int n = x.length;
        int[] free = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (xc[i] > lo[i] && xc[i] < hi[i]) {
                free[m++] = i;
            }
        }
        if (m == 0) {
            return xc;
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = xc[i] - x[i];
        }
        double[] bz = times(b, z);
        double[][] a = new double[m][m];
        double[] r = new double[m];
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < m; q++) {
                a[p][q] = b[free[p]][free[q]];
            }
            r[p] = -(g[free[p]] + bz[free[p]]);
        }
        double[] du = Cholesky.solve(a, r);
        double[] projected = xc.clone();
        double descent = 0;
        for (int p = 0; p < m; p++) {
            int i = free[p];
            projected[i] = Math.min(hi[i], Math.max(lo[i], xc[i] + du[p]));
        }
        for (int i = 0; i < n; i++) {
            descent += g[i] * (projected[i] - x[i]);
        }
        if (descent < 0) {
            return projected;
        }
        double alpha = 1;
        for (int p = 0; p < m; p++) {
            int i = free[p];
            if (du[p] > 0) {
                alpha = Math.min(alpha, (hi[i] - xc[i]) / du[p]);
            } else if (du[p] < 0) {
                alpha = Math.min(alpha, (lo[i] - xc[i]) / du[p]);
            }
        }
        double[] truncated = xc.clone();
        for (int p = 0; p < m; p++) {
            int i = free[p];
            truncated[i] = Math.min(hi[i], Math.max(lo[i], xc[i] + alpha * du[p]));
        }
        return truncated;
    }

    static double projectedGradient(double[] x, double[] g, double[] lo, double[] hi) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - Math.min(hi[i], Math.max(lo[i], x[i] - g[i]))));
        }
        return m;
    }

    private static double[] add(double[] x, double[] z, double[] lo, double[] hi) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.min(hi[i], Math.max(lo[i], x[i] + z[i]));
        }
        return out;
    }

    private static double[] times(double[][] b, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = dot(b[i], v);
        }
        return out;
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

    private static void notify(IterationListener listener, int k, double[] x, double fx, double[] g) {
        if (listener != null) {
            listener.onIteration(k, x.clone(), fx, g.clone());
        }
    }

    private static OptimizationResult result(double[] x, double fx, double pg, int iterations, int evaluations,
                                             boolean converged, String reason, List<Double> history) {
        return new OptimizationResult(x, fx, pg, iterations, evaluations, converged, reason,
                history.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
