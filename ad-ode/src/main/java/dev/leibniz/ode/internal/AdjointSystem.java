package dev.leibniz.ode.internal;

import dev.leibniz.ode.OdeException;

/**
 * The continuous adjoint equation, in reversed time s = −t so that the steppers integrate
 * forward: with u = [λ, μ] (n + p components),
 * <pre>  dλ/ds = (∂f/∂y)ᵀ λ,   dμ/ds = (∂f/∂p)ᵀ λ,   both at (t, y(t), p), t = −s,</pre>
 * i.e. λ' = −(∂f/∂y)ᵀλ and μ' = −(∂f/∂p)ᵀλ in t. One right-hand side is one VJP of f at the
 * forward solution y(t), which a {@link Trajectory} supplies (interpolated from a replayed
 * segment). For the implicit methods the linear system (I − hγA)x = r with
 * A = [[(∂f/∂y)ᵀ, 0], [(∂f/∂p)ᵀ, 0]] is block lower triangular: x_λ = (I − hγ(∂f/∂y)ᵀ)⁻¹ r_λ by
 * the factorization, then x_μ = r_μ + hγ (∂f/∂p)ᵀ x_λ by one VJP. Dropping that μ row (a W-method
 * shortcut) is harmless for Rosenbrock 2(3) but makes the Rodas methods' embedded error estimate
 * see the μ block wrongly: the backward solve of the Boehm PEtab problem took 10 889 steps for
 * 172 forward ones, 627 with the row.
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
    private final double[] yLin;    // the forward state at the linearization point
    private final double[] yBar;    // scratch: the VJP's state part, unused by the μ row
    private final double[] pBar;    // (∂f/∂p)ᵀ x_λ
    private double tLin;
    private double hGamma;

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
        this.yLin = new double[n];
        this.yBar = new double[n];
        this.pBar = new double[p];
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
        tLin = t;
        System.arraycopy(y, 0, yLin, 0, n);
    }

    @Override
    public void factorize(double hGamma, double s) {
        f.counters().factorizations++;
        this.hGamma = hGamma;
        solver.factor(hGamma, -s);
    }

    @Override
    public void solve(double[] r) {
        solver.solve(r, 0);
        if (p == 0) {
            return;
        }
        java.util.Arrays.fill(yBar, 0.0);
        java.util.Arrays.fill(pBar, 0.0);
        f.vjp(tLin, yLin, 0, r, 0, yBar, 0, pBar, 0);
        for (int j = 0; j < p; j++) {
            r[n + j] += hGamma * pBar[j];
        }
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
