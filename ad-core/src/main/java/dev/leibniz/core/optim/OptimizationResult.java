package dev.leibniz.core.optim;

import java.util.Arrays;

/**
 * The outcome of a minimisation.
 *
 * @param x            the final point
 * @param value        f(x)
 * @param gradientNorm ‖∇f(x)‖₂
 * @param iterations   accepted steps taken
 * @param evaluations  objective evaluations (value and gradient together), including the first
 * @param converged    whether a convergence test was met (gradient norm or relative change of f)
 * @param reason       why the run stopped, in words
 * @param lossHistory  f at the start and after every accepted step ({@code iterations + 1} values)
 */
public record OptimizationResult(double[] x, double value, double gradientNorm, int iterations, int evaluations,
                                 boolean converged, String reason, double[] lossHistory) {

    public OptimizationResult {
        x = x.clone();
        lossHistory = lossHistory.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] lossHistory() {
        return lossHistory.clone();
    }

    @Override
    public String toString() {
        return (converged ? "converged" : "stopped") + " after " + iterations + " iterations (" + evaluations
                + " evaluations): " + reason + "; f = " + value + ", |g| = " + gradientNorm + ", x = " + Arrays.toString(x);
    }
}
