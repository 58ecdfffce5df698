package dev.leibniz.ode.internal;

/**
 * The scaled root-mean-square norm of local error estimates (Hairer, Nørsett &amp; Wanner,
 * Solving ODEs I, II.4):
 * <pre>  ‖e‖ = sqrt( (1/m) Σ_{i&lt;m} (e_i / (atol + rtol · max(|y_i|, |ŷ_i|)))² )</pre>
 * over the first m = {@code controlled} components; a step is accepted when ‖e‖ ≤ 1. Leaving
 * components out of the norm (sensitivities, say) makes steps cheaper but leaves those
 * components' accuracy uncontrolled.
 */
public final class ErrorNorm {
    private final double rtol;
    private final double atol;
    private final int controlled;

    public ErrorNorm(double rtol, double atol, int controlled) {
        this.rtol = rtol;
        this.atol = atol;
        this.controlled = controlled;
    }

    public int controlled() {
        return controlled;
    }

    /** Norm of {@code err} with weights from y and yNew. */
    public double norm(double[] err, double[] y, double[] yNew) {
        double s = 0;
        for (int i = 0; i < controlled; i++) {
            double sc = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
            double e = err[i] / sc;
            s += e * e;
        }
        return Math.sqrt(s / controlled);
    }

    /** Norm of a vector with weights from y alone (used to pick the first step). */
    public double norm(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < controlled; i++) {
            double e = x[i] / (atol + rtol * Math.abs(y[i]));
            s += e * e;
        }
        return Math.sqrt(s / controlled);
    }
}
