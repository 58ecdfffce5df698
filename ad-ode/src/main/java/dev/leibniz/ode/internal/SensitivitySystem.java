package dev.leibniz.ode.internal;

import dev.leibniz.ode.OdeException;

/**
 * The state augmented with its forward sensitivities, u = [y, S] with S = ∂y/∂(p, y₀) stored
 * row-major n × L:
 * <pre>  y' = f(t, y, p),   S' = (∂f/∂y) S + (∂f/∂p) E,</pre>
 * where lane l &lt; p is parameter l (E its unit column) and lane p + k is y₀ component k.
 * One right-hand side costs one evaluation of f plus one tangent sweep with L lanes.
 *
 * <p>For the implicit method the Jacobian of the augmented system is block lower triangular,
 * <pre>  [ J  0 ]        H_l = ∂/∂y (J S_l + ∂f/∂p e_l),
 *   [ H_l J ],</pre>
 * so {@code (I − hγJ_aug) x = r} is solved by block forward substitution with the one LU of
 * I − hγJ: {@code x₀ = M⁻¹r₀}, then {@code x_l = M⁻¹(r_l + hγ H_l x₀)}. The coupling H x₀ is a
 * directional derivative of the sensitivity right-hand side along (x₀, 0), taken by a forward
 * difference (one extra evaluation per solve) — second derivatives of f without a second-order
 * mode. Dropping the coupling (a block-diagonal W) keeps the Rosenbrock method's order, since it
 * is a W-method, but spoils its error estimate for the sensitivities: on Robertson's problem the
 * step control then takes some 30 times more steps.
 */
public final class SensitivitySystem implements OdeSystem, OdeSystem.Linearization {
    private final RhsFunction f;
    private final String[] states;
    private final String[] params;
    private final int n;
    private final int lanes;
    private final int paramLanes;
    private ShiftedSolver solver; // made on first use: explicit methods never need it
    private final double[] col;
    private final double[] fd0;
    private final double[] fd1;
    private final double[] uLin;
    private final double[] base;
    private final double[] pert;
    private final double[] dpert;
    private double tLin;
    private double hGamma;

    public SensitivitySystem(RhsFunction f, String[] states, String[] params, int lanes, int paramLanes) {
        this.f = f;
        this.states = states;
        this.params = params;
        this.n = f.stateCount();
        this.lanes = lanes;
        this.paramLanes = paramLanes;
        this.col = new double[n];
        this.fd0 = new double[n * (1 + lanes)];
        this.fd1 = new double[n * (1 + lanes)];
        this.uLin = new double[n * (1 + lanes)];
        this.base = new double[n * (1 + lanes)];
        this.pert = new double[n * (1 + lanes)];
        this.dpert = new double[n * (1 + lanes)];
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

    /** Blocks: the state, then one per lane; lane l of state i lives at n + i·lanes + l. */
    @Override
    public StateJacobian stateJacobian() {
        return new StateJacobian() {
            @Override
            public int states() {
                return n;
            }

            @Override
            public int blocks() {
                return 1 + lanes;
            }

            @Override
            public int index(int block, int i) {
                return block == 0 ? i : n + i * lanes + block - 1;
            }

            @Override
            public void evaluate(double t, double[] u, double[] jac) {
                f.jacobian(t, u, 0, jac);
            }

            @Override
            public Counters counters() {
                return f.counters();
            }

            @Override
            public RhsFunction function() {
                return f;
            }
        };
    }

    @Override
    public void update(double t, double[] u) {
        if (solver == null) {
            solver = f.shiftedSolver(false);
        }
        solver.update(t, u, 0);
        tLin = t;
        System.arraycopy(u, 0, uLin, 0, uLin.length);
        f.sensitivity(t, uLin, base, lanes, paramLanes);
    }

    @Override
    public void factorize(double hGamma, double t) {
        f.counters().factorizations++;
        this.hGamma = hGamma;
        solver.factor(hGamma, t);
    }

    @Override
    public void solve(double[] r) {
        solver.solve(r, 0);
        double xs = 0;
        double ys = 0;
        for (int i = 0; i < n; i++) {
            xs += r[i] * r[i];
            ys += uLin[i] * uLin[i];
        }
        if (xs > 0) {
            // forward difference along (x₀, 0): relative step √ε of the state
            double delta = Math.sqrt(Math.ulp(1.0)) * (1 + Math.sqrt(ys)) / Math.sqrt(xs);
            System.arraycopy(uLin, 0, pert, 0, pert.length);
            for (int i = 0; i < n; i++) {
                pert[i] += delta * r[i];
            }
            f.sensitivity(tLin, pert, dpert, lanes, paramLanes);
            double s = hGamma / delta;
            for (int i = n; i < r.length; i++) {
                r[i] += s * (dpert[i] - base[i]);
            }
        }
        for (int l = 0; l < lanes; l++) {
            for (int i = 0; i < n; i++) {
                col[i] = r[n + i * lanes + l];
            }
            solver.solve(col, 0);
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
