package dev.leibniz.models.calibration;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.optim.LineSearch;
import java.util.Arrays;

/**
 * Steepest descent, {@code u ← u − α·∇L(u)}, with α from ad-core's strong Wolfe
 * {@link LineSearch}; each search starts from twice the last accepted α. The simplest
 * gradient method: robust, monotone and deterministic, but slow on ill-conditioned losses,
 * where {@link LbfgsOptimizer} or {@link LevenbergMarquardt} do far better — it is here as the
 * baseline a tuning example can be compared against. Converged when
 * {@code ‖∇L‖ ≤ gradientTolerance}, when one iteration changes L by at most
 * {@code relativeTolerance} relatively, or when the line search can no longer find a lower
 * point (a minimum at rounding level); an iteration is one accepted line-search step.
 */
public final class GradientDescent implements Optimizer {
    private final int maxIterations;
    private final double initialStep;
    private final double gradientTolerance;
    private final double relativeTolerance;

    /**
     * @param maxIterations     iteration limit (≥ 1)
     * @param initialStep       the first trial α (&gt; 0)
     * @param gradientTolerance converged when ‖∇L‖ ≤ this
     * @param relativeTolerance converged when |ΔL| ≤ this · |L|
     */
    public GradientDescent(int maxIterations, double initialStep, double gradientTolerance, double relativeTolerance) {
        this.maxIterations = Optimizers.checkIterations("gradient descent", maxIterations);
        if (!(initialStep > 0) || Double.isInfinite(initialStep)) {
            throw new LeibnizException("gradient descent needs a positive finite initial step, got " + initialStep);
        }
        this.initialStep = initialStep;
        this.gradientTolerance = gradientTolerance;
        this.relativeTolerance = relativeTolerance;
    }

    @Override
    public String name() {
        return "gradient descent";
    }

    @Override
    public int maxIterations() {
        return maxIterations;
    }

    @Override
    public GradientDescent withMaxIterations(int n) {
        return new GradientDescent(n, initialStep, gradientTolerance, relativeTolerance);
    }

    @Override
    public Optimization minimize(Objective objective, double[] start, Monitor monitor) {
        int p = start.length;
        double[] u = start.clone();
        double[] g = new double[p];
        double f = objective.valueAndGradient(u, g);
        if (!Double.isFinite(f)) {
            throw new LeibnizException(objective.startFailure(start));
        }
        monitor.iteration(0, f, u);
        LineSearch search = new LineSearch();
        dev.leibniz.core.optim.Objective loss = (x, gradOut) -> {
            monitor.checkStop();
            return objective.valueAndGradient(x, gradOut);
        };
        double step = initialStep / 2;
        for (int it = 1; it <= maxIterations; it++) {
            double gnorm = Math.sqrt(dot(g, g));
            if (gnorm <= gradientTolerance) {
                return new Optimization(u, it - 1, true, "gradient norm " + gnorm + " <= " + gradientTolerance,
                        monitor.history());
            }
            double[] d = new double[p];
            for (int i = 0; i < p; i++) {
                d[i] = -g[i];
            }
            LineSearch.Step s = search.search(loss, u, f, g, d, 2 * step);
            if (!s.satisfied() && !(s.value() < f)) {
                return new Optimization(u, it - 1, true, "no lower point along the gradient (a minimum at rounding "
                        + "level): " + s.message(), monitor.history());
            }
            double change = Math.abs(f - s.value());
            step = s.alpha();
            u = s.x();
            g = s.gradient();
            f = s.value();
            monitor.iteration(it, f, u);
            if (change <= relativeTolerance * Math.abs(f)) {
                return new Optimization(u, it, true, "relative change of the loss below " + relativeTolerance,
                        monitor.history());
            }
        }
        return new Optimization(u, maxIterations, false, "maximum of " + maxIterations + " iterations reached",
                monitor.history());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
