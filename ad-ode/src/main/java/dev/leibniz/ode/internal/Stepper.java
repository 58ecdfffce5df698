package dev.leibniz.ode.internal;

/**
 * One integration method as the {@link Integrator} drives it: trial steps with an error
 * estimate, acceptance (which may carry the last stage over as the next first one), and dense
 * output over the last accepted step.
 */
public interface Stepper {
    /** Order of the lower-order solution of the error estimate; 0 for a fixed-step method. */
    int errorOrder();

    boolean hasDenseOutput();

    /**
     * Tries the step from (t, y) with size h into {@code yNew} and returns the error estimate
     * scaled by {@code norm} (0 when the method has none). Must not change y.
     */
    double attempt(double t, double[] y, double h, double[] yNew, ErrorNorm norm);

    /** The last attempt is accepted (called after the outputs inside the step are taken). */
    void accept();

    /** Forget any cached derivative, e.g. when restarting from a checkpoint. */
    void reset();

    /** The cached derivative at the current point ({@code null} when none), for checkpoints. */
    double[] cache();

    /** Restores a cache from {@link #cache()}. */
    void restoreCache(double[] cache);

    /** y(t + θh) over the last attempted step (valid between attempt and accept). */
    void interpolate(double theta, double t, double[] y, double h, double[] out);

    /**
     * The method that made the step just attempted, when a stepper runs more than one (the
     * switching default); {@code null} otherwise. The driver counts accepted steps per name.
     */
    default String methodName() {
        return null;
    }

    /** Length of the buffer {@link #saveDense} fills. */
    int denseSize();

    /**
     * Saves what {@link #interpolateSaved} needs to evaluate the last attempted step's
     * interpolant later (called for an accepted step, before {@link #accept()}).
     */
    void saveDense(double t, double h, double tNew, double[] yNew, double[] buffer);

    /** y(t + θh) of a step saved by {@link #saveDense}, with y its start state. */
    void interpolateSaved(double[] buffer, double theta, double[] y, double h, double[] out);

    /**
     * The next step size after a trial of size h with scaled error err was accepted or rejected;
     * {@code proposal} is the driver's PI controller's choice, which a method with a controller of
     * its own (RADAU5's predictive one, its Newton failures) may replace.
     */
    default double nextStep(double h, double err, boolean accepted, double proposal) {
        return proposal;
    }
}
