package dev.leibniz.ode.internal;

/**
 * The Runge–Kutta combinations {@code y + h·(0.0 + Σ_j w_j k_j)} of a large system (at least
 * {@value ExplicitRungeKutta#COLUMN_DIMENSION} components, {@link ExplicitRungeKutta}) in passes
 * whose loop bodies HotSpot's C2 unrolls and vectorizes at its default limits: a sum of more than
 * {@value #SPLIT_TERMS} terms takes two passes over the components, its first terms into an
 * accumulator array, then the rest added to them and the result formed.
 *
 * <p>The same bits as the one-pass forms: each component's sum is the same chain from 0.0 in
 * stage order, and the partial sum is stored and loaded exactly ({@code ExplicitRungeKuttaFormsTest}
 * checks every form against the definition). Why a class of its own: its loops then see only large
 * systems' trip counts (the JIT profiles a method, not a call), and the 2-component solves, which
 * never call it, keep the compiled code they had. Measured on Lotka–Volterra's forward-sensitivity
 * gradient (14 components, 94 steps): 50.5 → 47.0 µs (docs/benchmarks.md).
 */
final class SplitSums {
    /** The stepper's stage rows k[j] (read through the array on every call: first-same-as-last swaps rows). */
    private final double[][] k;
    /** Partial sums between the two passes: the stepper's own accumulators, free whenever a sum here runs. */
    private final double[] acc;
    private final int dim;

    SplitSums(double[][] k, double[] acc) {
        this.k = k;
        this.acc = acc;
        this.dim = acc.length;
    }

    /** Most terms a sum takes in one pass ({@link #stageInput}). */
    static final int SPLIT_TERMS = 3;

    /**
     * A stage input {@code out[m] = y[m] + h·(0.0 + Σ_{j<count} w_j k_j[m])}, count ≤
     * {@value ExplicitRungeKutta#HOISTED} (a dense output too): up to {@value #SPLIT_TERMS} terms in
     * one pass, more in two (the first {@code count / 2} terms into the accumulators, then the rest).
     * Measured: a 6-term sum over 14 components took 29 ns in the one-pass hoisted form and 17–21 ns
     * in two passes (a standalone loop, minimum of 2·10⁴ × 100 calls); with
     * {@code -XX:LoopUnrollLimit=120} C2 vectorizes the one-pass form too. One method too large to
     * be inlined, like {@code ExplicitRungeKutta.hoisted}.
     */
    void stageInput(double[] out, double[] y, double h, double[] w, int count) {
        double[] a = acc;
        double[] k0 = k[0];
        double w0 = w[0];
        if (count == 1) {
            for (int m = 0; m < dim; m++) {
                out[m] = y[m] + h * (0.0 + w0 * k0[m]);
            }
            return;
        }
        double[] k1 = k[1];
        double w1 = w[1];
        if (count == 2) {
            for (int m = 0; m < dim; m++) {
                out[m] = y[m] + h * (0.0 + w0 * k0[m] + w1 * k1[m]);
            }
            return;
        }
        double[] k2 = k[2];
        double w2 = w[2];
        if (count == 3) {
            for (int m = 0; m < dim; m++) {
                out[m] = y[m] + h * (0.0 + w0 * k0[m] + w1 * k1[m] + w2 * k2[m]);
            }
            return;
        }
        double[] k3 = k[3];
        double w3 = w[3];
        if (count == 4) {
            for (int m = 0; m < dim; m++) {
                a[m] = 0.0 + w0 * k0[m] + w1 * k1[m];
            }
            for (int m = 0; m < dim; m++) {
                out[m] = y[m] + h * (a[m] + w2 * k2[m] + w3 * k3[m]);
            }
            return;
        }
        double[] k4 = k[4];
        double w4 = w[4];
        if (count == 5) {
            for (int m = 0; m < dim; m++) {
                a[m] = 0.0 + w0 * k0[m] + w1 * k1[m];
            }
            for (int m = 0; m < dim; m++) {
                out[m] = y[m] + h * (a[m] + w2 * k2[m] + w3 * k3[m] + w4 * k4[m]);
            }
            return;
        }
        for (int m = 0; m < dim; m++) {
            a[m] = 0.0 + w0 * k0[m] + w1 * k1[m] + w2 * k2[m];
        }
        double[] k5 = k[5];
        double w5 = w[5];
        if (count == 6) {
            for (int m = 0; m < dim; m++) {
                out[m] = y[m] + h * (a[m] + w3 * k3[m] + w4 * k4[m] + w5 * k5[m]);
            }
            return;
        }
        double[] k6 = k[6];
        double w6 = w[6];
        for (int m = 0; m < dim; m++) {
            out[m] = y[m] + h * (a[m] + w3 * k3[m] + w4 * k4[m] + w5 * k5[m] + w6 * k6[m]);
        }
    }

    /**
     * {@code out[m] = y[m] + h·(0.0 + Σ_{j<7} w_j k_j[m])} ({@code h·(…)} when y is null) in two
     * passes: the first three terms, then the last four (a seven-stage method's new state and
     * error estimate).
     */
    void sevenTerms(double[] out, double[] y, double h, double[] w) {
        double[] a = acc;
        double[] k0 = k[0];
        double[] k1 = k[1];
        double[] k2 = k[2];
        double w0 = w[0];
        double w1 = w[1];
        double w2 = w[2];
        for (int m = 0; m < dim; m++) {
            a[m] = 0.0 + w0 * k0[m] + w1 * k1[m] + w2 * k2[m];
        }
        double[] k3 = k[3];
        double[] k4 = k[4];
        double[] k5 = k[5];
        double[] k6 = k[6];
        double w3 = w[3];
        double w4 = w[4];
        double w5 = w[5];
        double w6 = w[6];
        if (y == null) {
            for (int m = 0; m < dim; m++) {
                out[m] = h * (a[m] + w3 * k3[m] + w4 * k4[m] + w5 * k5[m] + w6 * k6[m]);
            }
        } else {
            for (int m = 0; m < dim; m++) {
                out[m] = y[m] + h * (a[m] + w3 * k3[m] + w4 * k4[m] + w5 * k5[m] + w6 * k6[m]);
            }
        }
    }
}
