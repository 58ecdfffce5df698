package dev.leibniz.core.optim;

import java.util.ArrayList;
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
    static final String NAME = "L-BFGS-B";

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
        return new LbfgsbRun(f, x, lower, upper, listener, settings).minimize();
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
}
