package dev.leibniz.models.calibration;

/**
 * A strategy that minimizes an {@link Objective} over its free coordinates. Implementations
 * here: {@link LevenbergMarquardt} (least squares, Hipparchus, the default for least-squares
 * losses), {@link ConjugateGradient} (any differentiable loss, Hipparchus, the default
 * otherwise) and {@link GradientDescent} (plain steepest descent with backtracking). Any other
 * method — an L-BFGS or Adam from ad-core, say — plugs in by implementing this interface.
 *
 * <p>An optimizer must be deterministic: the same objective and start give the same result.
 */
public interface Optimizer {
    /** Name for results and messages. */
    String name();

    /** True when the optimizer needs residuals and their Jacobian (a least-squares loss). */
    default boolean needsLeastSquares() {
        return false;
    }

    /** Minimizes from {@code start} (free coordinates). */
    Optimization minimize(Objective objective, double[] start);

    /**
     * What an optimizer found.
     *
     * @param point       the best free coordinates
     * @param iterations  iterations performed
     * @param converged   whether a convergence test was met (rather than a limit)
     * @param reason      which test, or which limit
     * @param lossHistory the loss at the start and after each iteration
     */
    record Optimization(double[] point, int iterations, boolean converged, String reason, double[] lossHistory) {
    }
}
