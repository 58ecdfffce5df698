package dev.leibniz.core.optim;

/**
 * A line search for the strong Wolfe conditions (Nocedal &amp; Wright, <i>Numerical
 * Optimization</i>, 2nd ed., algorithms 3.5 and 3.6). Along a descent direction d from x, with
 * φ(α) = f(x + α·d), it finds a step α &gt; 0 with
 *
 * <pre>
 * φ(α) ≤ φ(0) + c₁·α·φ'(0)        (sufficient decrease)
 * |φ'(α)| ≤ c₂·|φ'(0)|            (curvature)
 * </pre>
 *
 * for 0 &lt; c₁ &lt; c₂ &lt; 1. The curvature condition guarantees sᵀy &gt; 0 for the step, which keeps
 * a quasi-Newton inverse Hessian positive definite. The bracketing phase tries α₀ and then
 * extrapolates (to the minimiser of the cubic through the last two points, kept within
 * [α + 1.1·Δ, α + 4·Δ] as Moré and Thuente do); the zoom phase shrinks a bracket [α_lo, α_hi] by
 * the minimiser of the cubic matching φ and φ' at both ends, kept at least 1 % of the bracket
 * away from its ends, or by bisection when the cubic has no minimiser or two interpolation steps
 * did not halve the bracket. On a quadratic the cubic is exact, so one zoom step lands on the
 * minimiser.
 *
 * <p>Non-finite values are backtracked from: a trial point where φ or φ' is NaN or infinite is
 * treated as a step that went too far, it becomes the upper end of the bracket, and the bracket
 * is bisected towards the last finite point. Only the caller's starting point must be finite.
 *
 * <p>c₂ = 0.9 (the default) suits quasi-Newton methods, whose unit step is usually accepted at
 * once; a small c₂ (say 0.1 or less) asks for a nearly exact line search at the price of more
 * evaluations.
 */
public final class LineSearch {
    private final double c1;
    private final double c2;
    private final int maxEvaluations;

    /**
     * The outcome of a search.
     *
     * @param alpha       the step length (0 when no acceptable point was found)
     * @param value       φ(α) = f(x + α·d)
     * @param slope       φ'(α) = ∇f(x + α·d)ᵀd
     * @param x           the point x + α·d
     * @param gradient    ∇f there
     * @param evaluations objective evaluations spent
     * @param satisfied   whether the strong Wolfe conditions hold at α
     * @param message     what happened, in words
     */
    public record Step(double alpha, double value, double slope, double[] x, double[] gradient, int evaluations,
                       boolean satisfied, String message) {
    }

    /** c₁ = 1e-4, c₂ = 0.9, at most 50 evaluations per search. */
    public LineSearch() {
        this(1e-4, 0.9, 50);
    }

    public LineSearch(double c1, double c2, int maxEvaluations) {
        if (!(c1 > 0 && c1 < c2 && c2 < 1)) {
            throw new OptimizationException("line search: the Wolfe constants must satisfy 0 < c1 < c2 < 1, got c1 = "
                    + c1 + ", c2 = " + c2);
        }
        this.c1 = c1;
        this.c2 = c2;
        this.maxEvaluations = Checks.atLeast("line search", "maximum number of evaluations", maxEvaluations, 1);
    }

    public double c1() {
        return c1;
    }

    public double c2() {
        return c2;
    }

    /**
     * Searches along {@code direction} from {@code x}.
     *
     * @param f           the objective
     * @param x           the start, where f has {@code value} and {@code gradient} (finite)
     * @param direction   a descent direction: ∇f(x)ᵀd &lt; 0
     * @param initialStep the first trial α₀ &gt; 0 (1 for a quasi-Newton direction)
     * @throws OptimizationException if d is not a descent direction or the arguments do not fit
     */
    public Step search(Objective f, double[] x, double value, double[] gradient, double[] direction, double initialStep) {
        if (f == null || x == null || gradient == null || direction == null) {
            throw new OptimizationException("line search: objective, point, gradient and direction must not be null");
        }
        if (gradient.length != x.length || direction.length != x.length) {
            throw new OptimizationException("line search: point, gradient and direction have lengths " + x.length + ", "
                    + gradient.length + ", " + direction.length);
        }
        Checks.positive("line search", "initial step", initialStep);
        double d0 = dot(gradient, direction);
        if (!Double.isFinite(value) || !Double.isFinite(d0)) {
            throw new OptimizationException("line search: the starting point is not finite (f = " + value + ", slope = "
                    + d0 + ")");
        }
        if (!(d0 < 0)) {
            throw new OptimizationException("line search: the direction is not a descent direction (slope "
                    + d0 + " >= 0)");
        }
        return new Run(f, x, direction, new Point(0, value, d0, x, gradient)).bracket(initialStep);
    }

    /** A trial point φ(α), φ'(α) with the point and gradient it came from. */
    private record Point(double alpha, double f, double slope, double[] x, double[] g) {
        boolean finite() {
            return Double.isFinite(f) && Double.isFinite(slope);
        }
    }

    /** The state of one search. */
    private final class Run {
        private final Objective f;
        private final double[] x;
        private final double[] d;
        private final Point zero;
        private int evaluations;

        Run(Objective f, double[] x, double[] d, Point zero) {
            this.f = f;
            this.x = x;
            this.d = d;
            this.zero = zero;
        }

        /** Algorithm 3.5: grow α until it brackets an acceptable step, or accept one on the way. */
        Step bracket(double alpha) {
            Point prev = zero;
            for (int i = 1; ; i++) {
                if (evaluations >= maxEvaluations) {
                    return fail(prev, "no step satisfying the strong Wolfe conditions within " + maxEvaluations
                            + " evaluations while extrapolating (is the objective unbounded below along the direction?)");
                }
                Point cur = evaluate(alpha);
                if (!cur.finite() || !sufficientDecrease(cur) || (i > 1 && cur.f() >= prev.f())) {
                    return zoom(prev, cur);
                }
                if (curvature(cur)) {
                    return accept(cur);
                }
                if (cur.slope() >= 0) {
                    return zoom(cur, prev);
                }
                double width = cur.alpha() - prev.alpha();
                double next = cubicMinimizer(prev, cur);
                double lo = cur.alpha() + 1.1 * width;
                double hi = cur.alpha() + 4.0 * width;
                alpha = Double.isFinite(next) ? Math.min(Math.max(next, lo), hi) : hi;
                prev = cur;
            }
        }

        /** Algorithm 3.6: lo satisfies sufficient decrease and has the lower φ; the step lies between lo and hi. */
        Step zoom(Point lo, Point hi) {
            double widthBefore = Double.POSITIVE_INFINITY;
            double widthTwoBefore = Double.POSITIVE_INFINITY;
            while (true) {
                if (evaluations >= maxEvaluations) {
                    return fail(lo, "no step satisfying the strong Wolfe conditions within " + maxEvaluations
                            + " evaluations");
                }
                double width = Math.abs(hi.alpha() - lo.alpha());
                // when interpolation has not halved the bracket in two steps, bisect
                double a = width > 0.5 * widthTwoBefore ? 0.5 * (lo.alpha() + hi.alpha()) : interpolate(lo, hi);
                widthTwoBefore = widthBefore;
                widthBefore = width;
                if (!(a > Math.min(lo.alpha(), hi.alpha()) && a < Math.max(lo.alpha(), hi.alpha()))) {
                    return fail(lo, "the bracket [" + Math.min(lo.alpha(), hi.alpha()) + ", "
                            + Math.max(lo.alpha(), hi.alpha()) + "] shrank to rounding level without a strong Wolfe point");
                }
                Point p = evaluate(a);
                if (!p.finite() || !sufficientDecrease(p) || p.f() >= lo.f()) {
                    hi = p;
                } else {
                    if (curvature(p)) {
                        return accept(p);
                    }
                    if (p.slope() * (hi.alpha() - lo.alpha()) >= 0) {
                        hi = lo;
                    }
                    lo = p;
                }
            }
        }

        private boolean sufficientDecrease(Point p) {
            return p.f() <= zero.f() + c1 * p.alpha() * zero.slope();
        }

        private boolean curvature(Point p) {
            return Math.abs(p.slope()) <= -c2 * zero.slope();
        }

        private Point evaluate(double alpha) {
            evaluations++;
            int n = x.length;
            double[] xt = new double[n];
            for (int i = 0; i < n; i++) {
                xt[i] = x[i] + alpha * d[i];
            }
            double[] gt = new double[n];
            double ft = f.valueAndGradient(xt, gt);
            return new Point(alpha, ft, dot(gt, d), xt, gt);
        }

        private Step accept(Point p) {
            return new Step(p.alpha(), p.f(), p.slope(), p.x(), p.g(), evaluations, true, "strong Wolfe conditions hold");
        }

        private Step fail(Point best, String why) {
            return new Step(best.alpha(), best.f(), best.slope(), best.x(), best.g(), evaluations, false, why);
        }
    }

    /**
     * A trial step inside the bracket: the cubic's minimiser kept 1 % away from the ends, or the
     * midpoint when an end is not finite or the cubic has no minimiser.
     */
    private static double interpolate(Point lo, Point hi) {
        double a = Math.min(lo.alpha(), hi.alpha());
        double b = Math.max(lo.alpha(), hi.alpha());
        double mid = 0.5 * (a + b);
        if (!hi.finite()) {
            return mid;
        }
        double c = cubicMinimizer(lo, hi);
        if (!Double.isFinite(c)) {
            return mid;
        }
        double margin = 0.01 * (b - a);
        return Math.min(Math.max(c, a + margin), b - margin);
    }

    /**
     * The local minimiser of the cubic through (a, φ_a, φ'_a) and (b, φ_b, φ'_b) (Nocedal &amp;
     * Wright eq. 3.59), or NaN when the cubic has none:
     * d₁ = φ'_a + φ'_b − 3(φ_a − φ_b)/(a − b), d₂ = sign(b − a)·√(d₁² − φ'_a·φ'_b),
     * α = b − (b − a)·(φ'_b + d₂ − d₁)/(φ'_b − φ'_a + 2d₂).
     */
    static double cubicMinimizer(double a, double fa, double da, double b, double fb, double db) {
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (!(disc >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }

    private static double cubicMinimizer(Point p, Point q) {
        return cubicMinimizer(p.alpha(), p.f(), p.slope(), q.alpha(), q.f(), q.slope());
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
