package dev.leibniz.ode.internal;

import dev.leibniz.ode.OdeException;

/**
 * The state augmented with its forward sensitivities, u = [y, S] with S = ∂y/∂(p, y₀) stored
 * row-major n × L:
 * <pre>  y' = f(t, y, p),   S' = (∂f/∂y) S + (∂f/∂p) E,</pre>
 * where lane l &lt; p is parameter l (E its unit column) and lane p + k is y₀ component k.
 * One right-hand side costs one evaluation of f plus one tangent sweep with L lanes.
 *
 * <p>For the implicit method the linearization is block-diagonal, diag(J, …, J): it drops the
 * coupling (∂²f/∂y²)S of the sensitivities to the state. The Rosenbrock method used is a
 * W-method (its order holds with any approximation of the Jacobian), so this costs no accuracy
 * and lets every lane reuse the one LU factorization of I − hγJ.
 */
public final class SensitivitySystem implements OdeSystem, OdeSystem.Linearization {
    private final RhsFunction f;
    private final String[] states;
    private final String[] params;
    private final int n;
    private final int lanes;
    private final int paramLanes;
    private final double[] jac;
    private final DenseLu lu;
    private final double[] col;
    private final double[] fd0;
    private final double[] fd1;

    public SensitivitySystem(RhsFunction f, String[] states, String[] params, int lanes, int paramLanes) {
        this.f = f;
        this.states = states;
        this.params = params;
        this.n = f.stateCount();
        this.lanes = lanes;
        this.paramLanes = paramLanes;
        this.jac = new double[n * n];
        this.lu = new DenseLu(n);
        this.col = new double[n];
        this.fd0 = new double[n * (1 + lanes)];
        this.fd1 = new double[n * (1 + lanes)];
    }

    @Override
    public int dimension() {
        return n * (1 + lanes);
    }

    public int lanes() {
        return lanes;
    }

    @Override
    public void derivative(double t, double[] u, double[] du) {
        f.sensitivity(t, u, du, lanes, paramLanes);
    }

    @Override
    public String componentName(int i) {
        if (i < n) {
            return states[i];
        }
        int r = (i - n) / lanes;
        int l = (i - n) % lanes;
        return "d " + states[r] + "/d " + (l < paramLanes ? params[l] : states[l - paramLanes] + "(t0)");
    }

    @Override
    public OdeException.Reason nonFiniteReason(int i) {
        return i < n ? OdeException.Reason.NON_FINITE_STATE : OdeException.Reason.NON_FINITE_SENSITIVITY;
    }

    @Override
    public Linearization linearization() {
        return this;
    }

    @Override
    public void update(double t, double[] u) {
        f.jacobian(t, u, 0, jac);
    }

    @Override
    public void factorize(double hGamma, double t) {
        f.counters().factorizations++;
        lu.factorShifted(jac, hGamma, t);
    }

    @Override
    public void solve(double[] r) {
        lu.solve(r, 0);
        for (int l = 0; l < lanes; l++) {
            for (int i = 0; i < n; i++) {
                col[i] = r[n + i * lanes + l];
            }
            lu.solve(col, 0);
            for (int i = 0; i < n; i++) {
                r[n + i * lanes + l] = col[i];
            }
        }
    }

    /** ∂F/∂t by a forward difference (as MATLAB's ode23s does); exactly zero for autonomous f. */
    @Override
    public void timeDerivative(double t, double[] u, double[] out) {
        double dt = Math.sqrt(Math.ulp(1.0)) * Math.max(Math.abs(t), 1.0);
        f.sensitivity(t, u, fd0, lanes, paramLanes);
        f.sensitivity(t + dt, u, fd1, lanes, paramLanes);
        for (int i = 0; i < out.length; i++) {
            out[i] = (fd1[i] - fd0[i]) / dt;
        }
    }
}
