package dev.leibniz.ode.internal;

/**
 * RADAU5's linear systems with a dense J (see {@link RadauSystems}): J, E₁ and E₂ row-major,
 * factored by {@link DenseLu} at n³/3 and 8n³/3 flops. The complex system is solved as the real
 * 2n×2n one, which costs as much as a complex LU would (a complex multiply-add is four real ones)
 * and reuses a tested, pivoting LU.
 */
final class RadauDenseSystems extends RadauSystems {
    private final OdeSystem.StateJacobian jacobian;
    private final int n;
    private final double[] jac;
    private final double[] e1;
    private final double[] e2;
    private final DenseLu lu1;
    private final DenseLu lu2;

    RadauDenseSystems(OdeSystem.StateJacobian jacobian, int n) {
        this.jacobian = jacobian;
        this.n = n;
        this.jac = new double[n * n];
        this.e1 = new double[n * n];
        this.e2 = new double[4 * n * n];
        this.lu1 = new DenseLu(n);
        this.lu2 = new DenseLu(2 * n);
    }

    @Override
    void evaluate(double t, double[] u) {
        jacobian.evaluate(t, u, jac);
    }

    @Override
    void factor(double fac1, double alphn, double betan, double t, double h) {
        int m = 2 * n;
        java.util.Arrays.fill(e2, 0.0);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double jik = jac[i * n + k];
                e1[i * n + k] = -jik;
                e2[i * m + k] = -jik;
                e2[(n + i) * m + n + k] = -jik;
            }
            e1[i * n + i] += fac1;
            e2[i * m + i] += alphn;
            e2[(n + i) * m + n + i] += alphn;
            e2[i * m + n + i] = -betan;
            e2[(n + i) * m + i] = betan;
        }
        lu1.factorMatrix(e1, t, h);
        lu2.factorMatrix(e2, t, h);
    }

    @Override
    void solveReal(double[] b) {
        lu1.solve(b, 0);
    }

    @Override
    void solveComplex(double[] b) {
        lu2.solve(b, 0);
    }

    @Override
    double[] jacobianValues() {
        return jac;
    }

    @Override
    int jacobianSize() {
        return n * n;
    }
}
