package dev.leibniz.ode.internal;

/** Dense J (row-major n×n) and {@link DenseLu}: n³/3 per factorization, n² per solve. */
final class DenseShiftedSolver implements ShiftedSolver {
    private final RhsFunction f;
    private final boolean transpose;
    private final double[] jac;
    private final DenseLu lu;

    DenseShiftedSolver(RhsFunction f, int n, boolean transpose) {
        this.f = f;
        this.transpose = transpose;
        this.jac = new double[n * n];
        this.lu = new DenseLu(n);
    }

    @Override
    public void update(double t, double[] y, int yOff) {
        f.jacobian(t, y, yOff, jac);
    }

    @Override
    public void factor(double hGamma, double t) {
        if (transpose) {
            lu.factorShiftedTranspose(jac, hGamma, t);
        } else {
            lu.factorShifted(jac, hGamma, t);
        }
    }

    @Override
    public void solve(double[] b, int off) {
        lu.solve(b, off);
    }
}
