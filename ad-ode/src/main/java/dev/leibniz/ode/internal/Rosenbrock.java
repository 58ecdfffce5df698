package dev.leibniz.ode.internal;

import dev.leibniz.ode.OdeException;
import dev.leibniz.ode.RosenbrockTableau;

/**
 * The one stepper of every {@link RosenbrockTableau}: per step one Jacobian J and ∂f/∂t at (t, y),
 * one factorization of {@code M = I − hγJ}, and s stage solves with it,
 * <pre>  k_i = hγ · M⁻¹ ( f(t + c_i h, y + Σ a_ij k_j) + Σ (C_ij/h) k_j + h d_i ∂f/∂t )</pre>
 * (M⁻¹ hγ = (I/(hγ) − J)⁻¹, the W of the tableau). A rejected step keeps J and refactors with the
 * new h; an accepted one marks J stale for the next step (the methods' order needs J at the step's
 * start, since they are not W-methods). Each stage solve is refined once against a compensated
 * residual ({@link OdeSystem.Linearization#solveRefined}): with hγ‖J‖ ≈ 1e6 the LU solve's
 * rounding, u·hγ‖J‖·|k|, breaks linear invariants of the problem (cᵀJ = 0, so cᵀk = 0 in exact
 * arithmetic) by far more than u·|y|, and a problem such as E5 amplifies that drift until it
 * decides the answer; refinement brings it to the rounding of the state itself for one product
 * with J and one more solve per stage. Works on any {@link OdeSystem} with a linearization: the
 * state, the state with forward sensitivities (whose block-triangular Jacobian is solved exactly
 * by {@link SensitivitySystem}), the continuous adjoint.
 */
public final class Rosenbrock implements Stepper {
    private final RosenbrockTableau tab;
    private final OdeSystem sys;
    private final OdeSystem.Linearization lin;
    private final int dim;
    private final int s;
    private final double[][] k;
    private final double[] f;
    private final double[] u;
    private final double[] tdot;
    private final double[] err;
    private final double[][] dk;
    private double[] y1;
    private boolean jacValid;
    private double tJac = Double.NaN;

    public Rosenbrock(RosenbrockTableau tableau, OdeSystem system) {
        this.tab = tableau;
        this.sys = system;
        this.lin = system.linearization();
        if (lin == null) {
            throw new OdeException("the " + tableau.name() + " method needs the Jacobian of this system, which it does"
                    + " not provide");
        }
        this.dim = system.dimension();
        this.s = tableau.stages();
        this.k = new double[s][dim];
        this.f = new double[dim];
        this.u = new double[dim];
        this.tdot = new double[dim];
        this.err = new double[dim];
        this.dk = new double[tableau.dense().length][dim];
    }

    @Override
    public int errorOrder() {
        return tab.errorOrder();
    }

    @Override
    public boolean hasDenseOutput() {
        return true;
    }

    @Override
    public double attempt(double t, double[] y, double h, double[] yNew, ErrorNorm norm) {
        if (!jacValid || tJac != t) {
            lin.update(t, y);
            lin.timeDerivative(t, y, tdot);
            jacValid = true;
            tJac = t;
        }
        double hg = h * tab.gamma();
        lin.factorize(hg, t);
        double[][] a = tab.a();
        double[][] cc = tab.cc();
        double[] c = tab.c();
        double[] d = tab.d();
        for (int i = 0; i < s; i++) {
            System.arraycopy(y, 0, u, 0, dim);
            for (int j = 0; j < i; j++) {
                axpy(u, a[i][j], k[j]);
            }
            sys.derivative(t + c[i] * h, u, f);
            double[] ki = k[i];
            double hd = h * d[i];
            for (int m = 0; m < dim; m++) {
                ki[m] = f[m] + hd * tdot[m];
            }
            for (int j = 0; j < i; j++) {
                axpy(ki, cc[i][j] / h, k[j]);
            }
            lin.solveRefined(ki);
            for (int m = 0; m < dim; m++) {
                ki[m] *= hg;
            }
        }
        double[] b = tab.b();
        double[] e = tab.e();
        System.arraycopy(y, 0, yNew, 0, dim);
        java.util.Arrays.fill(err, 0.0);
        for (int i = 0; i < s; i++) {
            axpy(yNew, b[i], k[i]);
            axpy(err, e[i], k[i]);
        }
        y1 = yNew;
        return norm.norm(err, y, yNew);
    }

    private static void axpy(double[] acc, double alpha, double[] x) {
        if (alpha == 0) {
            return;
        }
        for (int m = 0; m < acc.length; m++) {
            acc[m] += alpha * x[m];
        }
    }

    @Override
    public void accept() {
        jacValid = false;
    }

    @Override
    public void reset() {
        jacValid = false;
    }

    /** Nothing is carried from one step to the next but J, which is recomputed after a restore. */
    @Override
    public double[] cache() {
        return null;
    }

    @Override
    public void restoreCache(double[] cache) {
        jacValid = false;
    }

    /** K_r = Σ_i dense[r][i] k_i of the last attempted step. */
    private void denseRows() {
        double[][] dense = tab.dense();
        for (int r = 0; r < dense.length; r++) {
            java.util.Arrays.fill(dk[r], 0.0);
            for (int i = 0; i < s; i++) {
                axpy(dk[r], dense[r][i], k[i]);
            }
        }
    }

    @Override
    public void interpolate(double theta, double t, double[] y, double h, double[] out) {
        denseRows();
        double th1 = 1 - theta;
        int q = dk.length;
        for (int m = 0; m < dim; m++) {
            double p = dk[q - 1][m];
            for (int r = q - 2; r >= 0; r--) {
                p = dk[r][m] + theta * p;
            }
            out[m] = th1 * y[m] + theta * (y1[m] + th1 * p);
        }
    }

    @Override
    public int denseSize() {
        return (1 + dk.length) * dim;
    }

    @Override
    public void saveDense(double t, double h, double tNew, double[] yNew, double[] buf) {
        denseRows();
        System.arraycopy(yNew, 0, buf, 0, dim);
        for (int r = 0; r < dk.length; r++) {
            System.arraycopy(dk[r], 0, buf, (1 + r) * dim, dim);
        }
    }

    /** y(t + θh) = (1 − θ) y + θ (y₁ + (1 − θ)(K₁ + θ (K₂ + θ K₃ …))), by Horner's rule in θ. */
    @Override
    public void interpolateSaved(double[] buf, double theta, double[] y, double h, double[] out) {
        double th1 = 1 - theta;
        int q = dk.length;
        for (int m = 0; m < dim; m++) {
            double p = buf[q * dim + m];
            for (int r = q - 2; r >= 0; r--) {
                p = buf[(1 + r) * dim + m] + theta * p;
            }
            out[m] = th1 * y[m] + theta * (buf[m] + th1 * p);
        }
    }
}
