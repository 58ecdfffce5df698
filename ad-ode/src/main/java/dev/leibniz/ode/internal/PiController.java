package dev.leibniz.ode.internal;

/**
 * Hairer's proportional–integral step-size controller (Hairer &amp; Wanner, Solving ODEs II,
 * IV.2; the controller of DOPRI5): with err_n ≤ 1 the scaled error of the step just taken,
 * <pre>  h_new = h · safety · err_n^(−α) · err_{n−1}^β,   α = 1/(q+1) − 0.75 β,  β = 0.04,</pre>
 * the factor clamped to [minFactor, maxFactor] (0.2 and 10). The integral term β damps the
 * oscillation of a purely proportional controller (h_new = h · safety · err^(−1/(q+1))) on
 * mildly stiff problems. After a rejection the next step is not allowed to grow.
 */
public final class PiController {
    private static final double SAFETY = 0.9;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 10.0;
    private static final double BETA = 0.04;

    private final double alpha;
    private final double beta;
    private double errOld = 1e-4;
    private boolean lastRejected;

    /** @param q order of the error estimate's lower-order solution */
    public PiController(int q) {
        this.beta = q > 0 ? BETA : 0;
        this.alpha = 1.0 / (q + 1) - 0.75 * beta;
    }

    /** The next step after accepting a step of size h with scaled error err ≤ 1. */
    public double accepted(double h, double err) {
        double fac;
        if (err == 0) {
            fac = MAX_FACTOR;
        } else {
            fac = SAFETY * Math.pow(err, -alpha) * Math.pow(errOld, beta);
            fac = Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, fac));
        }
        if (lastRejected) {
            fac = Math.min(fac, 1.0);
        }
        errOld = Math.max(err, 1e-4);
        lastRejected = false;
        return h * fac;
    }

    /** The retry after rejecting a step of size h with scaled error err &gt; 1 (or NaN: shrink hard). */
    public double rejected(double h, double err) {
        lastRejected = true;
        if (!(err < Double.POSITIVE_INFINITY)) {
            return h * MIN_FACTOR;
        }
        double fac = SAFETY * Math.pow(err, -alpha);
        return h * Math.max(MIN_FACTOR, Math.min(1.0, fac));
    }

    /** The controller state {errOld, lastRejected} for checkpoints. */
    public double[] state() {
        return new double[] {errOld, lastRejected ? 1 : 0};
    }

    public void restore(double[] st) {
        errOld = st[0];
        lastRejected = st[1] != 0;
    }
}
