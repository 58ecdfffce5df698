package dev.leibniz.core.optim;

import dev.leibniz.core.Gradient;

/**
 * A first-order optimizer that updates a flat parameter vector in place, one step per gradient
 * (SGD, momentum, Adam). It keeps per-parameter state (velocities, moments, step counts), sized
 * on the first step; giving a vector of another length later is an error.
 *
 * <p><b>Absent is not zero.</b> A parameter whose gradient is <em>absent</em> (no path from it to
 * the loss: the branch of a Java {@code if} that was not recorded) is left untouched, and so is its
 * state: momentum does not coast it, Adam does not decay its moments or count the step. A
 * parameter with a <em>zero</em> gradient (the untaken branch of a static {@code select}) takes a
 * normal step with g = 0: momentum still moves it by lr·β·v, Adam's moments decay and it moves by
 * lr·m̂/(√v̂ + ε).
 */
public interface StepOptimizer {

    /**
     * One step: {@code params[i]} is updated where {@code present[i]}.
     *
     * @param params   the parameters, updated in place
     * @param gradient ∂loss/∂params, same length
     * @param present  which entries of {@code gradient} exist; {@code null} means all of them
     * @throws OptimizationException on mismatched lengths or a non-finite present gradient (then
     *                               nothing is changed)
     */
    void step(double[] params, double[] gradient, boolean[] present);

    /** One step with every gradient entry present. */
    default void step(double[] params, double[] gradient) {
        step(params, gradient, null);
    }

    /** One step from a {@link Gradient}, honouring its presence flags; its i-th entry belongs to {@code params[i]}. */
    default void step(double[] params, Gradient gradient) {
        if (gradient == null) {
            throw new OptimizationException("the gradient is null");
        }
        step(params, gradient.toArray(), gradient.presence());
    }

    /** Number of calls to {@code step} since construction or {@link #reset()}. */
    int steps();

    /** Forgets all state, as if newly constructed (the parameter count may change afterwards). */
    void reset();
}
