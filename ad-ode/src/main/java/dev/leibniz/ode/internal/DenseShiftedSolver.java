package dev.leibniz.ode.internal;

/** Dense J (row-major n×n) and {@link DenseLu}: n³/3 per factorization, n² per solve. */
final class DenseShiftedSolver implements ShiftedSolver {
    private final RhsFunction f;
    private final boolean transpose;
    private final double[] jac;
    private final DenseLu lu;
    private final int n;
    private final double[] rhs;
    private final double[] res;
    private double hg;

    DenseShiftedSolver(RhsFunction f, int n, boolean transpose) {
        this.f = f;
        this.transpose = transpose;
        this.jac = new double[n * n];
        this.lu = new DenseLu(n);
        this.n = n;
        this.rhs = new double[n];
        this.res = new double[n];
    }

    @Override
    public void update(double t, double[] y, int yOff) {
        f.jacobian(t, y, yOff, jac);
    }

    @Override
    public void factor(double hGamma, double t) {
        hg = hGamma;
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

    @Override
    public void solveRefined(double[] b, int off) {
        System.arraycopy(b, off, rhs, 0, n);
        lu.solve(b, off);
        CompensatedResidual.dense(jac, n, transpose, hg, rhs, 0, b, off, res);
        lu.solve(res, 0);
        for (int i = 0; i < n; i++) {
            b[off + i] += res[i];
        }
    }
}
