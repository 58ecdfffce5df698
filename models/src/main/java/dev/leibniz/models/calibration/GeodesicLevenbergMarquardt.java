package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import java.util.Locale;

/**
 * Levenberg–Marquardt with Moré's scaling, an exact trust-region step and Transtrum's geodesic
 * acceleration, written for answers to the last digit double precision allows (the NIST StRD
 * certified values). With r the residuals, J their exact Jacobian and D = diag(d_j),
 * d_j = max over the iterations of ‖J e_j‖ (Moré 1978), each iteration
 *
 * <ol>
 *   <li>takes the SVD of the scaled Jacobian J D⁻¹ = U S Vᵀ (never JᵀJ, whose condition is the
 *       square), so the damped step v(λ) = −D⁻¹ V diag(sᵢ/(sᵢ² + λ)) Uᵀ r is exact for every λ;</li>
 *   <li>picks λ = 0 (Gauss–Newton) when ‖D v(0)‖ ≤ Δ, else the λ with ‖D v(λ)‖ = Δ (the
 *       trust-region radius) by bisection on log λ;</li>
 *   <li>adds half the geodesic acceleration a = −(JᵀJ + λDᵀD)⁻¹ Jᵀ r''ᵥ, with the second directional
 *       derivative r''ᵥ ≈ (2/h)((r(x + hv) − r(x))/h − Jv), h = 0.1 (Transtrum &amp; Sethna 2012):
 *       the step follows the curve of the model manifold, which is what gets MGH17 and similar
 *       valleys from NIST's far starting points. A step whose acceleration is large against the
 *       velocity (2‖Da‖/‖Dv‖ &gt; 0.75) leaves the region where the quadratic model holds: it is
 *       rejected and Δ halved;</li>
 *   <li>accepts the step when the actual reduction of Σr² is at least 1e-4 of the reduction
 *       predicted for v, and updates Δ by Moré's rules.</li>
 * </ol>
 *
 * <p><b>Convergence.</b> A loss-reduction tolerance would stop early: near the optimum the loss
 * falls by the <em>square</em> of the parameter error, so 1e-12 in the loss is 1e-6 in the
 * parameters. This optimizer stops instead (converged) when a full Gauss–Newton step (λ = 0) is
 * below 1e-14 of ‖Dx‖; when, once the reduction a Gauss–Newton step promises is down to the
 * rounding of Σr², full Gauss–Newton steps stop shrinking ("polishing"); or when no step can
 * reduce the loss any more (Δ has shrunk below 1e-15 of ‖Dx‖) <em>and</em> the point is
 * stationary to double precision: a Gauss–Newton step below 1e-8 of ‖Dx‖, residuals orthogonal
 * to the columns of J (largest cosine ≤ 1e-6), or residuals at the rounding level of the data
 * (‖r‖ ≤ 1e-12·‖y‖, a zero-residual problem). The acceleration is skipped for steps below 1e-6
 * of ‖Dx‖, whose difference quotient would be rounding noise. A stall elsewhere, an iteration limit or a model that cannot be
 * evaluated ends the fit as <em>not converged</em>: a failure is reported, never a wrong answer
 * as converged.
 *
 * <p>Cost per iteration: one residual evaluation with Jacobian, one without (the trial point)
 * and one more for the acceleration; the SVD is O(m p²). Iterations, as reported, are accepted
 * steps.
 */
public final class GeodesicLevenbergMarquardt implements Optimizer {
    private static final double EPS = Math.ulp(1.0);
    private static final double STEP_TOLERANCE = 1e-14;
    private static final double STALL_TOLERANCE = 1e-15;
    private static final double STATIONARY_COSINE = 1e-6;
    private static final double ROUNDING_LEVEL = 1e-12;
    private static final double ACCEPT = 1e-4;
    private static final double MAX_ACCELERATION = 0.75;
    private static final double H = 0.1;
    private static final double POLISH = 1e-12;
    private static final double ACCELERATION_FLOOR = 1e-6;
    private static final double SHORT_GAUSS_NEWTON = 1e-8;
    private static final int MAX_POLISH = 20;

    private final int maxIterations;
    private final boolean acceleration;

    /** 1000 iterations, with geodesic acceleration. */
    public GeodesicLevenbergMarquardt() {
        this(1000, true);
    }

    /**
     * @param maxIterations limit on accepted steps
     * @param acceleration  whether to add the geodesic acceleration (false: plain scaled LM)
     */
    public GeodesicLevenbergMarquardt(int maxIterations, boolean acceleration) {
        this.maxIterations = Optimizers.checkIterations("Levenberg-Marquardt", maxIterations);
        this.acceleration = acceleration;
    }

    @Override
    public String name() {
        return acceleration ? "Levenberg-Marquardt (geodesic)" : "Levenberg-Marquardt (scaled)";
    }

    @Override
    public boolean needsLeastSquares() {
        return true;
    }

    @Override
    public int maxIterations() {
        return maxIterations;
    }

    @Override
    public GeodesicLevenbergMarquardt withMaxIterations(int n) {
        return new GeodesicLevenbergMarquardt(n, acceleration);
    }

    @Override
    public Optimization minimize(Objective objective, double[] start, Monitor monitor) {
        int m = objective.residualCount();
        int p = objective.dimension();
        if (m < p) {
            throw new LeibnizException("least squares with " + m + " observations cannot determine " + p + " parameters");
        }
        Fit fit = new Fit(objective, m, p, start, monitor);
        while (true) {
            Optimization end = fit.iterate();
            if (end != null) {
                return end;
            }
        }
    }

    /**
     * The state of one fit: the current point x with its residuals r, Jacobian J and loss
     * f = Σr², Moré's scales d, the trust-region radius Δ and the counters that decide when to
     * stop. {@link #iterate} tries one step from it.
     */
    private final class Fit {
        private final Objective objective;
        private final Monitor monitor;
        private final int m;
        private final double dataNorm;
        private final double[] d;
        private double[] x;
        private double[] r;
        private double[][] jac;
        private double f;
        private double delta;
        private int accepted;
        private long evaluations;
        private double lastPolish = Double.POSITIVE_INFINITY;
        private int polished;
        private int strikes;

        /**
         * Evaluates the start (which must be feasible), sets d_j = ‖J e_j‖ (1 for a zero column)
         * and the first radius Δ = 100‖Dx‖ (100 when x = 0).
         */
        Fit(Objective objective, int m, int p, double[] start, Monitor monitor) {
            this.objective = objective;
            this.monitor = monitor;
            this.m = m;
            x = start.clone();
            Objective.Residuals at = objective.residuals(x);
            if (!at.feasible()) {
                throw new LeibnizException(objective.startFailure(x));
            }
            r = at.residuals();
            jac = at.jacobian();
            f = sumOfSquares(r);
            monitor.iteration(0, f, x);
            dataNorm = objective.dataNorm();
            d = new double[p];
            for (int j = 0; j < p; j++) {
                double c = columnNorm(jac, j);
                d[j] = c > 0 ? c : 1;
            }
            delta = 100 * scaledNorm(d, x);
            if (delta == 0) {
                delta = 100;
            }
        }

        /**
         * One trial step (steps 1–4 of the class comment): the damped velocity v(λ) for the
         * current radius, its geodesic acceleration, the trial point and its ratio ρ of actual to
         * predicted reduction, the new radius, and the move when the step is accepted.
         *
         * @return the result when the fit ends here, null to go on
         */
        Optimization iterate() {
            if (f == 0) {
                return done(monitor, x, accepted, true, "the residuals are exactly zero");
            }
            ScaledSvdStep svd = new ScaledSvdStep(jac, d, r);
            // the Gauss–Newton step would lower Σr² by ‖U Uᵀr‖²; below 1e-12 of it, loss comparisons are
            // mostly rounding: polish with full Gauss–Newton steps, judged by their length (see below)
            // rounding of Σr² itself: 1e-12 relative, or 2‖r‖·ε‖y‖ (with a margin of 50) for small residuals
            double noise = Math.max(POLISH * f, 100 * Math.sqrt(f) * EPS * dataNorm);
            boolean polishing = svd.gaussNewtonReduction() <= noise;
            double lambda = polishing || svd.gaussNewtonNorm() <= delta ? 0 : svd.lambdaFor(delta);
            double[] zs = svd.step(svd.ur, lambda);
            double[] v = unscale(zs, d);
            double[] jv = times(jac, v);
            double predicted = -2 * dot(r, jv) - dot(jv, jv);
            double[] step = v;
            // a step this short needs no acceleration, and its difference quotient would be rounding noise
            boolean accelerate = acceleration && !polishing && scaledNorm(d, v) > ACCELERATION_FLOOR * scaledNorm(d, x);
            if (accelerate) {
                step = accelerated(svd, lambda, zs, v, jv);
                if (step == null) {
                    delta *= 0.5;
                    return stalled(delta, d, x) ? stall(svd) : null;
                }
            }
            double[] xt = add(x, step, 1);
            monitor.checkStop();
            double[] rt = objective.residualVector(xt);
            evaluations++;
            double ft = rt == null ? Double.POSITIVE_INFINITY : sumOfSquares(rt);
            double rho = predicted > 0 && Double.isFinite(ft) ? (f - ft) / predicted : -1;
            double dnorm = scaledNorm(d, step);
            if (rho < 0.25) {
                delta = 0.5 * Math.min(delta, dnorm);
            } else if (rho >= 0.75 || lambda == 0) {
                delta = Math.max(delta, 2 * dnorm);
            }
            boolean noWorse = Double.isFinite(ft) && ft <= f + noise;
            if ((rho > ACCEPT || (polishing && noWorse)) && moveTo(xt)) {
                return endAfterMove(lambda, dnorm, polishing);
            }
            if (stalled(delta, d, x)) {
                return stall(svd);
            }
            if (evaluations > 20L * maxIterations + 100) {
                return done(monitor, x, accepted, false, "no progress in " + evaluations + " model evaluations");
            }
            return null;
        }

        /**
         * The velocity v plus half the geodesic acceleration a = −(JᵀJ + λDᵀD)⁻¹ Jᵀ r''ᵥ, with
         * r''ᵥ ≈ (2/h)((r(x + hv) − r(x))/h − Jv).
         *
         * @param zs the scaled velocity D v, whose length the acceleration is judged against
         * @return v + a/2; v itself when the model cannot be evaluated at x + hv; null when
         *         2‖Da‖ &gt; 0.75‖Dv‖ (the step leaves the region where the quadratic model holds)
         */
        private double[] accelerated(ScaledSvdStep svd, double lambda, double[] zs, double[] v, double[] jv) {
            double[] xh = add(x, v, H);
            monitor.checkStop();
            double[] rh = objective.residualVector(xh);
            evaluations++;
            if (rh == null) {
                return v;
            }
            double[] rvv = new double[m];
            for (int i = 0; i < m; i++) {
                rvv[i] = (2 / H) * ((rh[i] - r[i]) / H - jv[i]);
            }
            double[] as = svd.step(svd.project(rvv), lambda);
            if (2 * norm(as) > MAX_ACCELERATION * norm(zs)) {
                return null;
            }
            return add(v, unscale(as, d), 0.5);
        }

        /**
         * Moves to the accepted trial point with its Jacobian and widens the scales,
         * d_j ← max(d_j, ‖J e_j‖).
         *
         * @return false (and no move) when the model cannot be differentiated there
         */
        private boolean moveTo(double[] xt) {
            Objective.Residuals next = objective.residuals(xt);
            evaluations++;
            if (!next.feasible()) {
                return false;
            }
            x = xt;
            r = next.residuals();
            jac = next.jacobian();
            f = sumOfSquares(r);
            for (int j = 0; j < d.length; j++) {
                d[j] = Math.max(d[j], columnNorm(jac, j));
            }
            accepted++;
            monitor.iteration(accepted, f, x);
            return true;
        }

        /**
         * The stopping tests after an accepted step: a Gauss–Newton step below 1e-14 of ‖Dx‖,
         * polishing steps that stopped shrinking, or the iteration limit.
         *
         * @return the result when the fit ends, null to go on
         */
        private Optimization endAfterMove(double lambda, double dnorm, boolean polishing) {
            if (lambda == 0 && dnorm <= STEP_TOLERANCE * scaledNorm(d, x)) {
                return done(monitor, x, accepted, true, String.format(Locale.ROOT,
                        "Gauss-Newton step below %.0e of the parameters", STEP_TOLERANCE));
            }
            if (polishing) {
                // Gauss–Newton steps shrink (quadratically, or linearly with large residuals) until
                // they are rounding noise: then they stop shrinking, and x is as exact as it gets
                // two steps that do not shrink in a row: one may be a fluke of the linear rate
                strikes = dnorm >= lastPolish ? strikes + 1 : 0;
                if (strikes >= 2 || ++polished >= MAX_POLISH) {
                    return done(monitor, x, accepted, true, String.format(Locale.ROOT,
                            "Gauss-Newton steps at the rounding level (%.1e of the parameters)",
                            dnorm / Math.max(scaledNorm(d, x), EPS)));
                }
                lastPolish = dnorm;
            }
            if (accepted >= maxIterations) {
                return done(monitor, x, accepted, false, "maximum of " + maxIterations + " iterations reached");
            }
            return null;
        }

        /** The verdict of {@link GeodesicLevenbergMarquardt#stall} at the current point. */
        private Optimization stall(ScaledSvdStep svd) {
            return GeodesicLevenbergMarquardt.stall(monitor, x, accepted, r, jac, f, dataNorm,
                    svd.gaussNewtonNorm() / Math.max(scaledNorm(d, x), EPS));
        }
    }

    private static boolean stalled(double delta, double[] d, double[] x) {
        return !(delta > STALL_TOLERANCE * Math.max(scaledNorm(d, x), EPS));
    }

    /**
     * No step reduces the loss any more: converged if the point is stationary to double
     * precision — residuals at the rounding level of the data, a Gauss–Newton step (‖D·δ‖, scaled
     * like x) below 1e-8 of ‖Dx‖ (the square root of the rounding level: what a loss comparison can
     * resolve), or residuals orthogonal to J's columns.
     */
    private static Optimization stall(Monitor monitor, double[] x, int accepted, double[] r, double[][] jac, double f,
                                      double dataNorm, double relativeGaussNewton) {
        double rn = Math.sqrt(f);
        if (relativeGaussNewton <= SHORT_GAUSS_NEWTON) {
            return done(monitor, x, accepted, true, String.format(Locale.ROOT,
                    "no further reduction possible at machine precision; Gauss-Newton step %.1e of the parameters",
                    relativeGaussNewton));
        }
        if (rn <= ROUNDING_LEVEL * dataNorm) {
            return done(monitor, x, accepted, true, String.format(Locale.ROOT,
                    "residuals at the rounding level of the data (|r| = %.3g, |y| = %.3g)", rn, dataNorm));
        }
        double cos = 0;
        for (int j = 0; j < x.length; j++) {
            double cn = columnNorm(jac, j);
            double g = 0;
            for (int i = 0; i < r.length; i++) {
                g += jac[i][j] * r[i];
            }
            if (cn > 0) {
                cos = Math.max(cos, Math.abs(g) / (cn * rn));
            }
        }
        if (cos <= STATIONARY_COSINE) {
            return done(monitor, x, accepted, true, String.format(Locale.ROOT,
                    "no further reduction possible at machine precision; stationary (cosine %.1e)", cos));
        }
        return done(monitor, x, accepted, false, String.format(Locale.ROOT,
                "stalled at a point that is not stationary (cosine between residuals and Jacobian %.1e)", cos));
    }

    private static Optimization done(Monitor monitor, double[] x, int accepted, boolean converged, String reason) {
        return new Optimization(x.clone(), accepted, converged, reason, monitor.history());
    }

    private static double sumOfSquares(double[] r) {
        double s = 0;
        for (double x : r) {
            s += x * x;
        }
        return Double.isFinite(s) ? s : Double.POSITIVE_INFINITY;
    }

    private static double columnNorm(double[][] a, int j) {
        double s = 0;
        for (double[] row : a) {
            s += row[j] * row[j];
        }
        return Math.sqrt(s);
    }

    private static double scaledNorm(double[] d, double[] x) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            s += d[j] * x[j] * d[j] * x[j];
        }
        return Math.sqrt(s);
    }

    private static double[] unscale(double[] z, double[] d) {
        double[] out = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            out[j] = z[j] / d[j];
        }
        return out;
    }

    private static double[] times(double[][] a, double[] x) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += a[i][j] * x[j];
            }
            out[i] = s;
        }
        return out;
    }

    private static double[] add(double[] a, double[] b, double scale) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + scale * b[i];
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
