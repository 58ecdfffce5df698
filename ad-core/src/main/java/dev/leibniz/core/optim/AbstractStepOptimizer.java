package dev.leibniz.core.optim;

/**
 * The shared part of every {@link StepOptimizer}: argument checks, lazily sized state, and the
 * loop that visits only the parameters whose gradient is present. A subclass states its update
 * rule for one parameter.
 */
public abstract class AbstractStepOptimizer implements StepOptimizer {
    private int size = -1;
    private int steps;

    /** Creates the per-parameter state for {@code n} parameters (all zero). */
    protected abstract void allocate(int n);

    /** Updates parameter {@code i}, whose gradient {@code g} is present and finite. */
    protected abstract void update(double[] params, int i, double g);

    /** A short name for messages, e.g. {@code "Adam"}. */
    protected abstract String name();

    @Override
    public final void step(double[] params, double[] gradient, boolean[] present) {
        check(params, gradient, present);
        if (size < 0) {
            size = params.length;
            allocate(size);
        }
        steps++;
        for (int i = 0; i < params.length; i++) {
            if (present == null || present[i]) {
                update(params, i, gradient[i]);
            }
        }
    }

    /** All checks come before any update, so a rejected step changes nothing. */
    private void check(double[] params, double[] gradient, boolean[] present) {
        if (params == null || gradient == null) {
            throw new OptimizationException(name() + ": " + (params == null ? "parameters" : "gradient") + " is null");
        }
        if (gradient.length != params.length) {
            throw new OptimizationException(name() + ": the gradient has " + gradient.length + " entries but there are "
                    + params.length + " parameters");
        }
        if (present != null && present.length != params.length) {
            throw new OptimizationException(name() + ": " + present.length + " presence flags for " + params.length
                    + " parameters");
        }
        if (size >= 0 && size != params.length) {
            throw new OptimizationException(name() + ": the optimizer's state is for " + size + " parameters, got "
                    + params.length + " (call reset() to start over with another vector)");
        }
        for (int i = 0; i < gradient.length; i++) {
            if ((present == null || present[i]) && !Double.isFinite(gradient[i])) {
                throw new OptimizationException(name() + ": the gradient of parameter " + i + " is " + gradient[i]
                        + " at step " + (steps + 1) + "; no parameter was changed");
            }
        }
    }

    @Override
    public final int steps() {
        return steps;
    }

    @Override
    public void reset() {
        size = -1;
        steps = 0;
    }

    /** Checks a parameter index against the state, for the state accessors of subclasses. */
    protected final void checkIndex(int i) {
        if (size < 0) {
            throw new OptimizationException(name() + ": no state yet (no step has been taken)");
        }
        if (i < 0 || i >= size) {
            throw new OptimizationException(name() + ": parameter index " + i + " is not in [0, " + size + ")");
        }
    }
}
