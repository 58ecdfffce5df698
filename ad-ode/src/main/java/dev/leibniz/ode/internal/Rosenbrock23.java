package dev.leibniz.ode.internal;

import dev.leibniz.ode.OdeException;

/**
 * The linearly implicit Rosenbrock method of Shampine &amp; Reichelt ("The MATLAB ODE Suite",
 * SIAM J. Sci. Comput. 18, 1997; MATLAB's ode23s). With d = 1/(2 + √2), e₃₂ = 6 + √2,
 * W = I − h d J, T = ∂F/∂t:
 * <pre>
 *   F₀ = F(t, y),                       k₁ = W⁻¹(F₀ + h d T)
 *   F₁ = F(t + h/2, y + h k₁/2),        k₂ = W⁻¹(F₁ − k₁) + k₁
 *   y₁ = y + h k₂,  F₂ = F(t + h, y₁),  k₃ = W⁻¹(F₂ − e₃₂(k₂ − F₁) − 2(k₁ − F₀) + h d T)
 *   err = h (k₁ − 2k₂ + k₃) / 6
 * </pre>
 * Order 2, L-stable, with an order-3 error estimate, dense output
 * {@code y(t + θh) = y + h [θ(1−θ) k₁ + θ(θ−2d) k₂] / (1 − 2d)} and F₂ reused as the next F₀.
 * It is a W-method: its order is 2 for any approximation of J, which the sensitivity and adjoint
 * systems use (block-diagonal Jacobians). One Jacobian and one LU per step (the Jacobian is kept
 * when a step is rejected); no Newton iteration.
 */
public final class Rosenbrock23 implements Stepper {
    /** Order of the propagated solution. */
    public static final int ORDER = 2;
    /** Order of the lower-order solution of the error estimate (the controller's exponent is 1/3). */
    public static final int ERROR_ORDER = 2;
    private static final double D = 1.0 / (2.0 + Math.sqrt(2.0));
    private static final double E32 = 6.0 + Math.sqrt(2.0);

    private final OdeSystem sys;
    private final OdeSystem.Linearization lin;
    private final int dim;
    private final double[] f0;
    private final double[] f1;
    private final double[] f2;
    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] tdot;
    private final double[] tmp;
    private boolean f0Valid;
    private boolean jacValid;

    public Rosenbrock23(OdeSystem system) {
        this.sys = system;
        this.lin = system.linearization();
        if (lin == null) {
            throw new OdeException("the implicit method needs the Jacobian of this system, which it does not provide");
        }
        this.dim = system.dimension();
        f0 = new double[dim];
        f1 = new double[dim];
        f2 = new double[dim];
        k1 = new double[dim];
        k2 = new double[dim];
        k3 = new double[dim];
        tdot = new double[dim];
        tmp = new double[dim];
    }

    @Override
    public int errorOrder() {
        return ERROR_ORDER;
    }

    @Override
    public boolean hasDenseOutput() {
        return true;
    }

    @Override
    public double attempt(double t, double[] y, double h, double[] yNew, ErrorNorm norm) {
        if (!f0Valid) {
            sys.derivative(t, y, f0);
            f0Valid = true;
        }
        if (!jacValid) {
            lin.update(t, y);
            lin.timeDerivative(t, y, tdot);
            jacValid = true;
        }
        double hd = h * D;
        lin.factorize(hd, t);
        for (int i = 0; i < dim; i++) {
            k1[i] = f0[i] + hd * tdot[i];
        }
        lin.solve(k1);
        for (int i = 0; i < dim; i++) {
            tmp[i] = y[i] + 0.5 * h * k1[i];
        }
        sys.derivative(t + 0.5 * h, tmp, f1);
        for (int i = 0; i < dim; i++) {
            k2[i] = f1[i] - k1[i];
        }
        lin.solve(k2);
        for (int i = 0; i < dim; i++) {
            k2[i] += k1[i];
            yNew[i] = y[i] + h * k2[i];
        }
        sys.derivative(t + h, yNew, f2);
        for (int i = 0; i < dim; i++) {
            k3[i] = f2[i] - E32 * (k2[i] - f1[i]) - 2.0 * (k1[i] - f0[i]) + hd * tdot[i];
        }
        lin.solve(k3);
        for (int i = 0; i < dim; i++) {
            tmp[i] = h / 6.0 * (k1[i] - 2.0 * k2[i] + k3[i]);
        }
        return norm.norm(tmp, y, yNew);
    }

    @Override
    public void accept() {
        System.arraycopy(f2, 0, f0, 0, dim);
        f0Valid = true;
        jacValid = false;
    }

    @Override
    public void reset() {
        f0Valid = false;
        jacValid = false;
    }

    @Override
    public double[] cache() {
        return f0Valid ? f0.clone() : null;
    }

    @Override
    public void restoreCache(double[] cache) {
        jacValid = false;
        if (cache == null) {
            f0Valid = false;
        } else {
            System.arraycopy(cache, 0, f0, 0, dim);
            f0Valid = true;
        }
    }

    @Override
    public void interpolate(double theta, double t, double[] y, double h, double[] out) {
        double w1 = theta * (1 - theta) / (1 - 2 * D);
        double w2 = theta * (theta - 2 * D) / (1 - 2 * D);
        for (int i = 0; i < dim; i++) {
            out[i] = y[i] + h * (w1 * k1[i] + w2 * k2[i]);
        }
    }

    @Override
    public int denseSize() {
        return 2 * dim;
    }

    @Override
    public void saveDense(double t, double h, double tNew, double[] yNew, double[] buf) {
        System.arraycopy(k1, 0, buf, 0, dim);
        System.arraycopy(k2, 0, buf, dim, dim);
    }

    @Override
    public void interpolateSaved(double[] buf, double theta, double[] y, double h, double[] out) {
        double w1 = theta * (1 - theta) / (1 - 2 * D);
        double w2 = theta * (theta - 2 * D) / (1 - 2 * D);
        for (int i = 0; i < dim; i++) {
            out[i] = y[i] + h * (w1 * buf[i] + w2 * buf[dim + i]);
        }
    }
}
