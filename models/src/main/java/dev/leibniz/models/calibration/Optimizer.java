package dev.leibniz.models.calibration;

/**
 * A strategy that minimizes an {@link Objective} over its free coordinates. Implementations
 * here ({@link Optimizers#byName} picks one by name):
 *
 * <ul>
 *   <li>{@link LevenbergMarquardt} — least squares with the exact Jacobian, through Hipparchus;
 *       the default for least-squares losses with few parameters;</li>
 *   <li>{@link LbfgsOptimizer} — ad-core's L-BFGS with a strong Wolfe line search, for any
 *       differentiable loss; the default otherwise;</li>
 *   <li>{@link AdamOptimizer} — ad-core's Adam, for badly scaled losses with many parameters
 *       (neural networks inside ODEs);</li>
 *   <li>{@link GradientDescent} — steepest descent with ad-core's line search, the simplest
 *       baseline.</li>
 * </ul>
 *
 * <p>An optimizer must be deterministic (the same objective and start give the same result) and
 * must report every iteration to the {@link Monitor} — iteration 0 for the start, then 1, 2, …
 * — which is how progress listeners, loss histories and cooperative stopping work for all of
 * them alike.
 */
public interface Optimizer {
    /** Name for results and messages. */
    String name();

    /** True when the optimizer needs residuals and their Jacobian (a least-squares loss). */
    default boolean needsLeastSquares() {
        return false;
    }

    /** The iteration limit. */
    int maxIterations();

    /** A copy with another iteration limit (≥ 1). */
    Optimizer withMaxIterations(int maxIterations);

    /**
     * Minimizes from {@code start} (free coordinates), reporting each iteration to {@code monitor}.
     *
     * @throws dev.leibniz.core.LeibnizException when the model cannot be simulated at the start
     */
    Optimization minimize(Objective objective, double[] start, Monitor monitor);

    /** Minimizes with no one watching. */
    default Optimization minimize(Objective objective, double[] start) {
        return minimize(objective, start, Monitor.none());
    }

    /**
     * What an optimizer found.
     *
     * @param point       the best free coordinates
     * @param iterations  iterations performed
     * @param converged   whether a convergence test was met (rather than a limit)
     * @param reason      which test, or which limit
     * @param lossHistory the loss at the start and after each iteration ({@code iterations + 1} values)
     */
    record Optimization(double[] point, int iterations, boolean converged, String reason, double[] lossHistory) {
    }
}
