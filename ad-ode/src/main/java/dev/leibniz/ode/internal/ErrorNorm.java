package dev.leibniz.ode.internal;

import dev.leibniz.ode.Norm;

/**
 * The scaled norm of local error estimates (Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.4):
 * <pre>  s_i = e_i / (atol_i + rtol · max(|y_i|, |ŷ_i|)),
 *   RMS = sqrt( (1/m) Σ_{i&lt;m} s_i² ),   MAX = max_i |s_i|,
 *   ‖e‖ = RMS ({@link Norm#RMS}),  MAX ({@link Norm#MAX}),  max(RMS, MAX/4) ({@link Norm#BOUNDED_RMS})</pre>
 * over the first m = {@code controlled} components; a step is accepted when ‖e‖ ≤ 1. The
 * absolute tolerance is per component where given ({@code atol_i}), the scalar one elsewhere
 * (sensitivities and adjoints). Leaving components out of the norm (sensitivities, say) makes
 * steps cheaper but leaves those components' accuracy uncontrolled.
 *
 * <p>Each evaluation remembers the component with the largest scaled error ({@link #worst()}),
 * which a failure message names.
 */
public final class ErrorNorm {
    private final double rtol;
    private final double atol;
    private final double[] atols;
    private final int controlled;
    private final Norm kind;
    /** {@link Norm#BOUNDED_RMS}: a component may exceed its tolerance at most this many times. */
    private static final double BOUND = 4.0;
    private int worst = -1;

    /** The RMS norm with one absolute tolerance (for tests of single steps). */
    public ErrorNorm(double rtol, double atol, int controlled) {
        this(rtol, atol, null, controlled, Norm.RMS);
    }

    /**
     * @param atols per-component absolute tolerances for the first {@code atols.length} components,
     *              or {@code null}; {@code atol} applies to the others
     */
    public ErrorNorm(double rtol, double atol, double[] atols, int controlled, Norm kind) {
        this.rtol = rtol;
        this.atol = atol;
        this.atols = atols;
        this.controlled = controlled;
        this.kind = kind;
    }

    public double relativeTolerance() {
        return rtol;
    }

    public int controlled() {
        return controlled;
    }

    /** The component with the largest scaled error in the last evaluation, −1 before any. */
    public int worst() {
        return worst;
    }

    private double atol(int i) {
        return atols != null && i < atols.length ? atols[i] : atol;
    }

    /** Norm of {@code err} with weights from y and yNew. */
    public double norm(double[] err, double[] y, double[] yNew) {
        double sum = 0;
        double big = 0;
        worst = -1;
        for (int i = 0; i < controlled; i++) {
            double sc = atol(i) + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
            double e = Math.abs(err[i] / sc);
            sum += e * e;
            if (e > big || e != e || worst < 0) {
                big = e != e ? Double.NaN : Math.max(big, e);
                worst = i;
            }
        }
        return combine(sum, big);
    }

    /** Norm of a vector with weights from y alone (used to pick the first step). */
    public double norm(double[] x, double[] y) {
        double sum = 0;
        double big = 0;
        for (int i = 0; i < controlled; i++) {
            double e = Math.abs(x[i] / (atol(i) + rtol * Math.abs(y[i])));
            sum += e * e;
            big = e != e ? Double.NaN : Math.max(big, e);
        }
        return combine(sum, big);
    }

    private double combine(double sumOfSquares, double largest) {
        double rms = Math.sqrt(sumOfSquares / controlled);
        return switch (kind) {
            case RMS -> rms;
            case MAX -> largest;
            // NaN propagates through Math.max: a non-finite error rejects the step
            case BOUNDED_RMS -> Math.max(rms, largest / BOUND);
        };
    }
}
