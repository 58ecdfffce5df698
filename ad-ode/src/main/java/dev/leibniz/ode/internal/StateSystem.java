package dev.leibniz.ode.internal;

/** The state equation y' = f(t, y, p) at fixed parameters, with its exact Jacobian for the implicit method. */
public final class StateSystem implements OdeSystem, OdeSystem.Linearization {
    private final RhsFunction f;
    private final String[] names;
    private final int n;
    private ShiftedSolver solver; // made on first use: explicit methods never need it

    public StateSystem(RhsFunction f, String[] names) {
        this.f = f;
        this.names = names;
        this.n = f.stateCount();
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public void derivative(double t, double[] u, double[] du) {
        f.eval(t, u, 0, du, 0);
    }

    @Override
    public String componentName(int i) {
        return names[i];
    }

    @Override
    public Linearization linearization() {
        return this;
    }

    @Override
    public StateJacobian stateJacobian() {
        return new StateJacobian() {
            @Override
            public int states() {
                return n;
            }

            @Override
            public int blocks() {
                return 1;
            }

            @Override
            public int index(int block, int i) {
                return i;
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
    }

    @Override
    public void factorize(double hGamma, double t) {
        f.counters().factorizations++;
        solver.factor(hGamma, t);
    }

    @Override
    public void solve(double[] r) {
        solver.solve(r, 0);
    }

    @Override
    public void solveRefined(double[] r) {
        solver.solveRefined(r, 0);
    }

    @Override
    public void timeDerivative(double t, double[] u, double[] out) {
        f.timeDerivative(t, u, 0, out, 0);
    }
}
