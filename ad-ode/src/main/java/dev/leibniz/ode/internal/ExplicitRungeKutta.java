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
    private boolean k0Valid;

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

    /** Stage derivative k_i of the last attempt (read-only). */
    public double[] stage(int i) {
        return k[i];
    }

    @Override
    public double attempt(double t, double[] y, double h, double[] yNew, ErrorNorm norm) {
        computeStages(t, y, h, null);
        double[] b = tab.b();
        for (int m = 0; m < dim; m++) {
            double acc = 0;
            for (int i = 0; i < s; i++) {
                acc += b[i] * k[i][m];
            }
            yNew[m] = y[m] + h * acc;
        }
        if (!tab.hasErrorEstimate()) {
            return 0.0;
        }
        double[] e = tab.errorWeights();
        for (int m = 0; m < dim; m++) {
            double acc = 0;
            for (int i = 0; i < s; i++) {
                acc += e[i] * k[i][m];
            }
            err[m] = h * acc;
        }
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
            double[] ai = a[i];
            for (int m = 0; m < dim; m++) {
                double acc = 0;
                for (int j = 0; j < i; j++) {
                    acc += ai[j] * k[j][m];
                }
                ytmp[m] = y[m] + h * acc;
            }
            if (stageInputs != null) {
                System.arraycopy(ytmp, 0, stageInputs[i], 0, dim);
            }
            if (i == s - 2) {
                System.arraycopy(ytmp, 0, penultimateInput, 0, dim);
            }
            sys.derivative(t + c[i] * h, ytmp, k[i]);
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
        for (int m = 0; m < dim; m++) {
            double acc = 0;
            for (int i = 0; i < s; i++) {
                acc += theta[i] * k[i][m];
            }
            out[m] = y[m] + h * acc;
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
