package dev.leibniz.ode.internal;

import dev.leibniz.ode.ButcherTableau;

/**
 * The one stepping engine of every explicit Runge–Kutta method: given a {@link ButcherTableau},
 * <pre>
 *   Y_i = y + h Σ_{j&lt;i} a_ij k_j,   k_i = F(t + c_i h, Y_i),
 *   y₁ = y + h Σ b_i k_i,             err = h Σ e_i k_i,
 * </pre>
 * with first-same-as-last reuse of the last stage and dense output
 * {@code y(t + θh) = y + h Σ b_i(θ) k_i}. Stage arrays are allocated once.
 *
 * <p>Every combination {@code y + h Σ w_j k_j} sums its terms from 0 in stage order, component by
 * component, in one of two loop orders that give the same bits ({@link #combine}): row by row
 * (a short loop over the stages per component) for small systems, stage by stage over a column of
 * accumulators for systems of {@value #COLUMN_DIMENSION} components or more (a forward-sensitivity
 * system, n(1 + p + n) components), where the long inner loop over components is what the JIT
 * unrolls and vectorizes. Measured on Lotka–Volterra: the columns made the 14-component
 * sensitivity solve faster but the 2-component plain solve 16 → 19 µs, hence the switch. A sum
 * of at most {@value #HOISTED} terms onto a state, and the new state with its error estimate,
 * take the hoisted forms on small systems ({@link #hoisted}, {@link #newStateAndError}: stage rows
 * and weights in locals, one loop over the components): on the 2-component plain solve they are
 * faster than the rows too (15.6 → 14.6 µs, the discrete adjoint 57.7 → 56.2 µs). A large system
 * takes {@link SplitSums} and {@link #newStateAndErrorSplit} instead (a sum of four to seven terms
 * in two passes), whose shorter loop bodies the JIT vectorizes and whose profiles the 2-component
 * solves do not share: the Lotka–Volterra forward-sensitivity gradient 50.5 → 46.0 µs, the same
 * bits, the plain solve and the discrete adjoint unchanged.
 */
public final class ExplicitRungeKutta implements Stepper {
    private final ButcherTableau tab;
    private final OdeSystem sys;
    private final int dim;
    private final int s;
    private final double[][] k;
    private final double[] ytmp;
    private final double[] err;
    private final double[] theta;
    /** The input Y_{s−2} of the second-to-last stage of the last attempt (Hairer's stiffness test reads it). */
    private final double[] penultimateInput;
    /** The column of accumulators of {@link #combine} (null below {@link #COLUMN_DIMENSION}). */
    private final double[] acc;
    /** The sums of up to {@value #HOISTED} terms of a large system (null below {@link #COLUMN_DIMENSION}). */
    private final SplitSums large;
    private boolean k0Valid;
    /**
     * Whether the new state is the last stage's input when the last stage is finite: a
     * first-same-as-last tableau with b = a_{s−1} bit for bit and b_{s−1} = 0 (see
     * {@link #newStateAndErrorSplit}).
     */
    private final boolean lastInputIsNewState;

    /** Systems at least this large combine stages column by column ({@link #combine}). */
    static final int COLUMN_DIMENSION = 8;

    public ExplicitRungeKutta(ButcherTableau tableau, OdeSystem system) {
        this.tab = tableau;
        this.sys = system;
        this.dim = system.dimension();
        this.s = tableau.stages();
        this.k = new double[s][dim];
        this.ytmp = new double[dim];
        this.err = new double[dim];
        this.theta = new double[s];
        this.penultimateInput = new double[dim];
        this.acc = dim >= COLUMN_DIMENSION ? new double[dim] : null;
        this.large = acc != null ? new SplitSums(k, acc) : null;
        this.lastInputIsNewState = lastInputIsNewState(tableau);
    }

    private static boolean lastInputIsNewState(ButcherTableau tab) {
        int s = tab.stages();
        double[] b = tab.b();
        if (!tab.firstSameAsLast() || s < 2 || b[s - 1] != 0.0 || tab.a()[s - 1].length != s - 1) {
            return false;
        }
        for (int j = 0; j < s - 1; j++) {
            if (Double.doubleToRawLongBits(b[j]) != Double.doubleToRawLongBits(tab.a()[s - 1][j])) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code out[m] = y[m] + h·Σ_{j<count} w_j k_j[m]} ({@code out[m] = h·Σ…} when {@code y} is
     * null), the sum started at 0 and taken in stage order, whichever loop order runs (separate
     * methods, so each keeps a JIT profile of its own).
     */
    private void combine(double[] out, double[] y, double h, double[] w, int count) {
        if (y != null && count <= HOISTED) {
            hoisted(out, y, h, w, count);
        } else if (acc != null) {
            columns(out, y, h, w, count);
        } else if (y != null) {
            rows(out, y, h, w, count);
        } else {
            rowsScaled(out, h, w, count);
        }
    }

    private void rows(double[] out, double[] y, double h, double[] w, int count) {
        for (int m = 0; m < dim; m++) {
            double a = 0;
            for (int j = 0; j < count; j++) {
                a += w[j] * k[j][m];
            }
            out[m] = y[m] + h * a;
        }
    }

    private void rowsScaled(double[] out, double h, double[] w, int count) {
        for (int m = 0; m < dim; m++) {
            double a = 0;
            for (int j = 0; j < count; j++) {
                a += w[j] * k[j][m];
            }
            out[m] = h * a;
        }
    }

    /**
     * The large-system combination. Up to {@value #HOISTED} terms with a state {@code y}, one loop
     * over the components with the stage rows in locals and the sum written out in stage order
     * (one load per term, no accumulator array); otherwise a column of accumulators, stage by
     * stage. Both add {@code 0.0} first, as the row form's {@code a = 0; a += …} does, so a sum of
     * negative zeros comes out +0 in every form.
     */
    private void columns(double[] out, double[] y, double h, double[] w, int count) {
        if (y != null && count <= HOISTED) {
            hoisted(out, y, h, w, count);
            return;
        }
        double[] a = acc;
        for (int m = 0; m < dim; m++) {
            a[m] = 0.0;
        }
        for (int j = 0; j < count; j++) {
            double wj = w[j];
            double[] kj = k[j];
            for (int m = 0; m < dim; m++) {
                a[m] += wj * kj[m];
            }
        }
        if (y == null) {
            for (int m = 0; m < dim; m++) {
                out[m] = h * a[m];
            }
        } else {
            for (int m = 0; m < dim; m++) {
                out[m] = y[m] + h * a[m];
            }
        }
    }

    /** Most terms {@link #hoisted} writes out: the seven stages of Dormand–Prince and Tsitouras. */
    static final int HOISTED = 7;

    private void hoisted(double[] out, double[] y, double h, double[] w, int count) {
        int n = dim;
        double[] k0 = k[0];
        double w0 = w[0];
        if (count == 1) {
            for (int m = 0; m < n; m++) {
                out[m] = y[m] + h * (0.0 + w0 * k0[m]);
            }
            return;
        }
        double[] k1 = k[1];
        double w1 = w[1];
        if (count == 2) {
            for (int m = 0; m < n; m++) {
                out[m] = y[m] + h * (0.0 + w0 * k0[m] + w1 * k1[m]);
            }
            return;
        }
        double[] k2 = k[2];
        double w2 = w[2];
        if (count == 3) {
            for (int m = 0; m < n; m++) {
                out[m] = y[m] + h * (0.0 + w0 * k0[m] + w1 * k1[m] + w2 * k2[m]);
            }
            return;
        }
        double[] k3 = k[3];
        double w3 = w[3];
        if (count == 4) {
            for (int m = 0; m < n; m++) {
                out[m] = y[m] + h * (0.0 + w0 * k0[m] + w1 * k1[m] + w2 * k2[m] + w3 * k3[m]);
            }
            return;
        }
        double[] k4 = k[4];
        double w4 = w[4];
        if (count == 5) {
            for (int m = 0; m < n; m++) {
                out[m] = y[m] + h * (0.0 + w0 * k0[m] + w1 * k1[m] + w2 * k2[m] + w3 * k3[m] + w4 * k4[m]);
            }
            return;
        }
        double[] k5 = k[5];
        double w5 = w[5];
        if (count == 6) {
            for (int m = 0; m < n; m++) {
                out[m] = y[m] + h * (0.0 + w0 * k0[m] + w1 * k1[m] + w2 * k2[m] + w3 * k3[m] + w4 * k4[m]
                        + w5 * k5[m]);
            }
            return;
        }
        double[] k6 = k[6];
        double w6 = w[6];
        for (int m = 0; m < n; m++) {
            out[m] = y[m] + h * (0.0 + w0 * k0[m] + w1 * k1[m] + w2 * k2[m] + w3 * k3[m] + w4 * k4[m]
                    + w5 * k5[m] + w6 * k6[m]);
        }
    }

    /**
     * The new state and the error estimate of a seven-stage method (Dormand–Prince, Tsitouras) on
     * a system of fewer than {@link #COLUMN_DIMENSION} components (larger ones take
     * {@link #newStateAndErrorSplit}) in one pass over the components, each stage value loaded once for both: the
     * sums of {@link #hoisted} and of the column of accumulators (both started at 0.0, taken in
     * stage order), so the same bits. Measured on the Lotka–Volterra forward-sensitivity gradient
     * (14 components, 94 steps), with the error estimate's own pass before it: 73 → 71 µs.
     */
    private void newStateAndError(double[] yNew, double[] y, double h, double[] b, double[] e) {
        double[] k0 = k[0];
        double[] k1 = k[1];
        double[] k2 = k[2];
        double[] k3 = k[3];
        double[] k4 = k[4];
        double[] k5 = k[5];
        double[] k6 = k[6];
        double b0 = b[0];
        double b1 = b[1];
        double b2 = b[2];
        double b3 = b[3];
        double b4 = b[4];
        double b5 = b[5];
        double b6 = b[6];
        double e0 = e[0];
        double e1 = e[1];
        double e2 = e[2];
        double e3 = e[3];
        double e4 = e[4];
        double e5 = e[5];
        double e6 = e[6];
        double[] out = err;
        for (int m = 0; m < dim; m++) {
            double q0 = k0[m];
            double q1 = k1[m];
            double q2 = k2[m];
            double q3 = k3[m];
            double q4 = k4[m];
            double q5 = k5[m];
            double q6 = k6[m];
            yNew[m] = y[m] + h * (0.0 + b0 * q0 + b1 * q1 + b2 * q2 + b3 * q3 + b4 * q4 + b5 * q5 + b6 * q6);
            out[m] = h * (0.0 + e0 * q0 + e1 * q1 + e2 * q2 + e3 * q3 + e4 * q4 + e5 * q5 + e6 * q6);
        }
    }

    /**
     * {@link #newStateAndError} on a large system: each of the two sums in two passes over the
     * components ({@link SplitSums#sevenTerms}: loop bodies short enough for the JIT to vectorize;
     * the same chains from 0.0 in stage order, so the same bits).
     *
     * <p>When the method is first-same-as-last with {@code b = a_{s−1}} and {@code b_{s−1} = 0}
     * (Dormand–Prince, Tsitouras) and the last stage is finite, the new state is the last stage's
     * input Y_{s−1}, already formed by {@link #computeStages}, and is copied instead of summed again
     * (Lotka–Volterra's forward-sensitivity gradient 46.8 → 46.0 µs). The same bits: the sum for
     * y₁ is Y_{s−1}'s chain plus the term 0·k_{s−1}, which for a finite stage is ±0, and adding ±0
     * to a sum started at +0 changes nothing (such a sum is never −0: +0 + (−0) = +0, and two
     * nonzero numbers never sum to −0 when rounding to nearest). A non-finite stage makes
     * 0·k_{s−1} NaN, so then the sum is taken in full.
     */
    private void newStateAndErrorSplit(double[] yNew, double[] y, double h, double[] b, double[] e) {
        if (lastInputIsNewState && Integrator.allFinite(k[s - 1])) {
            System.arraycopy(ytmp, 0, yNew, 0, dim);    // ytmp holds Y_{s−1} (computeStages)
        } else {
            large.sevenTerms(yNew, y, h, b);
        }
        large.sevenTerms(err, null, h, e);
    }

    public ButcherTableau tableau() {
        return tab;
    }

    @Override
    public int errorOrder() {
        return tab.hasErrorEstimate() ? tab.errorOrder() : 0;
    }

    @Override
    public boolean hasDenseOutput() {
        return tab.hasDenseOutput();
    }

    /**
     * The input Y_{s−2} = y + h Σ_j a_{s−2,j} k_j of the second-to-last stage of the last attempt
     * (read-only; zero for a one-stage method).
     */
    public double[] penultimateStageInput() {
        return penultimateInput;
    }

    /** The error estimate h Σ e_j k_j of the last attempt (read-only; tests compare its bits). */
    double[] errorEstimate() {
        return err;
    }

    /** Stage derivative k_i of the last attempt (read-only). */
    public double[] stage(int i) {
        return k[i];
    }

    @Override
    public double attempt(double t, double[] y, double h, double[] yNew, ErrorNorm norm) {
        computeStages(t, y, h, null);
        if (s == HOISTED && tab.hasErrorEstimate()) {
            if (large != null) {
                newStateAndErrorSplit(yNew, y, h, tab.b(), tab.errorWeights());
            } else {
                newStateAndError(yNew, y, h, tab.b(), tab.errorWeights());
            }
            return norm.norm(err, y, yNew);
        }
        combine(yNew, y, h, tab.b(), s);
        if (!tab.hasErrorEstimate()) {
            return 0.0;
        }
        combine(err, null, h, tab.errorWeights(), s);
        return norm.norm(err, y, yNew);
    }

    /**
     * Computes all stages from (t, y) with step h; when {@code stageInputs} is given, also keeps
     * every stage input Y_i (for the adjoint of the step).
     */
    public void computeStages(double t, double[] y, double h, double[][] stageInputs) {
        if (!k0Valid) {
            sys.derivative(t, y, k[0]);
            k0Valid = true;
        }
        if (stageInputs != null) {
            System.arraycopy(y, 0, stageInputs[0], 0, dim);
        }
        double[][] a = tab.a();
        double[] c = tab.c();
        for (int i = 1; i < s; i++) {
            // the second-to-last stage input is combined where it is kept, not copied there
            double[] yi = i == s - 2 ? penultimateInput : ytmp;
            if (large != null && i <= HOISTED) {
                large.stageInput(yi, y, h, a[i], i);
            } else {
                combine(yi, y, h, a[i], i);
            }
            if (stageInputs != null) {
                System.arraycopy(yi, 0, stageInputs[i], 0, dim);
            }
            sys.derivative(t + c[i] * h, yi, k[i]);
        }
    }

    @Override
    public void accept() {
        if (tab.firstSameAsLast()) {
            double[] tmp = k[0];
            k[0] = k[s - 1];
            k[s - 1] = tmp;
            k0Valid = true;
        } else {
            k0Valid = false;
        }
    }

    @Override
    public void reset() {
        k0Valid = false;
    }

    @Override
    public double[] cache() {
        return k0Valid ? k[0].clone() : null;
    }

    @Override
    public void restoreCache(double[] cache) {
        if (cache == null) {
            k0Valid = false;
        } else {
            System.arraycopy(cache, 0, k[0], 0, dim);
            k0Valid = true;
        }
    }

    @Override
    public void interpolate(double th, double t, double[] y, double h, double[] out) {
        tab.denseWeights(th, theta);
        if (large != null && s <= HOISTED) {
            large.stageInput(out, y, h, theta, s);
        } else {
            combine(out, y, h, theta, s);
        }
    }

    @Override
    public int denseSize() {
        return tab.hasDenseOutput() ? s * dim : 3 * dim;
    }

    /**
     * With a dense-output tableau, the stages; otherwise the data of the cubic Hermite
     * interpolant (f at both ends and the end state; one extra evaluation of F).
     */
    @Override
    public void saveDense(double t, double h, double tNew, double[] yNew, double[] buf) {
        if (tab.hasDenseOutput()) {
            for (int i = 0; i < s; i++) {
                System.arraycopy(k[i], 0, buf, i * dim, dim);
            }
        } else {
            System.arraycopy(k[0], 0, buf, 0, dim);
            sys.derivative(tNew, yNew, ytmp);
            System.arraycopy(ytmp, 0, buf, dim, dim);
            System.arraycopy(yNew, 0, buf, 2 * dim, dim);
        }
    }

    @Override
    public void interpolateSaved(double[] buf, double th, double[] y, double h, double[] out) {
        if (tab.hasDenseOutput()) {
            tab.denseWeights(th, theta);
            for (int m = 0; m < dim; m++) {
                double acc = 0;
                for (int i = 0; i < s; i++) {
                    acc += theta[i] * buf[i * dim + m];
                }
                out[m] = y[m] + h * acc;
            }
        } else {
            double t2 = th * th;
            double t3 = t2 * th;
            double h00 = 2 * t3 - 3 * t2 + 1;
            double h10 = t3 - 2 * t2 + th;
            double h01 = -2 * t3 + 3 * t2;
            double h11 = t3 - t2;
            for (int m = 0; m < dim; m++) {
                out[m] = h00 * y[m] + h10 * h * buf[m] + h01 * buf[2 * dim + m] + h11 * h * buf[dim + m];
            }
        }
    }
}
