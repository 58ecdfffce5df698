package dev.leibniz.ode.internal;

import dev.leibniz.ode.OdeException;

/**
 * The continuous adjoint equation, in reversed time s = −t so that the steppers integrate
 * forward: with u = [λ, μ] (n + p components),
 * <pre>  dλ/ds = (∂f/∂y)ᵀ λ,   dμ/ds = (∂f/∂p)ᵀ λ,   both at (t, y(t), p), t = −s,</pre>
 * i.e. λ' = −(∂f/∂y)ᵀλ and μ' = −(∂f/∂p)ᵀλ in t. One right-hand side is one VJP of f at the
 * forward solution y(t), which a {@link Trajectory} supplies (interpolated from a replayed
 * segment). For the implicit method the linearization keeps the λ block, (∂f/∂y)ᵀ, and drops
 * the μ row (W-method approximation; μ does not feed back).
 */
public final class AdjointSystem implements OdeSystem, OdeSystem.Linearization {
    /** The forward solution, y(t). */
    public interface Trajectory {
        void at(double t, double[] y);
    }

    private final RhsFunction f;
    private final String[] states;
    private final String[] params;
    private final Trajectory traj;
    private final int n;
    private final int p;
    private final double[] y;
    private ShiftedSolver solver; // made on first use: explicit methods never need it
    private final double[] fd0;
    private final double[] fd1;

    public AdjointSystem(RhsFunction f, String[] states, String[] params, Trajectory traj) {
        this.f = f;
        this.states = states;
        this.params = params;
        this.traj = traj;
        this.n = f.stateCount();
        this.p = f.parameterCount();
        this.y = new double[n];
        this.fd0 = new double[n + p];
        this.fd1 = new double[n + p];
    }

    @Override
    public int dimension() {
        return n + p;
    }

    @Override
    public void derivative(double s, double[] u, double[] du) {
        double t = -s;
        traj.at(t, y);
        java.util.Arrays.fill(du, 0.0);
        f.vjp(t, y, 0, u, 0, du, 0, du, n);
    }

    @Override
    public String componentName(int i) {
        return "adjoint of " + (i < n ? states[i] : params[i - n]);
    }

    @Override
    public OdeException.Reason nonFiniteReason(int i) {
        return OdeException.Reason.NON_FINITE_SENSITIVITY;
    }

    @Override
    public Linearization linearization() {
        return this;
    }

    @Override
    public void update(double s, double[] u) {
        double t = -s;
        traj.at(t, y);
        if (solver == null) {
            solver = f.shiftedSolver(true);
        }
        solver.update(t, y, 0);
    }

    @Override
    public void factorize(double hGamma, double s) {
        f.counters().factorizations++;
        solver.factor(hGamma, -s);
    }

    @Override
    public void solve(double[] r) {
        solver.solve(r, 0);
    }

    /** ∂G/∂s by a forward difference (through y(t) as well as t). */
    @Override
    public void timeDerivative(double s, double[] u, double[] out) {
        double ds = Math.sqrt(Math.ulp(1.0)) * Math.max(Math.abs(s), 1.0);
        derivative(s, u, fd0);
        derivative(s + ds, u, fd1);
        for (int i = 0; i < out.length; i++) {
            out[i] = (fd1[i] - fd0[i]) / ds;
        }
    }
}
