package dev.leibniz.core.optim;

/** Called by an iterative optimizer at the start and after every accepted step (with copies of its state). */
@FunctionalInterface
public interface IterationListener {
    /**
     * @param iteration 0 for the starting point, then 1, 2, …
     * @param x         the current point
     * @param value     f(x)
     * @param gradient  ∇f(x)
     */
    void onIteration(int iteration, double[] x, double value, double[] gradient);
}
