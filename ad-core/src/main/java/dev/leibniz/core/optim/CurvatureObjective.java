package dev.leibniz.core.optim;

/**
 * A smooth function to minimise that also supplies a positive semidefinite curvature matrix B ≈ ∇²f:
 * the Gauss–Newton matrix JᵀJ of a least-squares problem, or the Fisher information of a
 * likelihood. B need not be the exact Hessian; it must not be indefinite.
 */
@FunctionalInterface
public interface CurvatureObjective {

    /**
     * @param x            the point (not to be modified)
     * @param gradOut      receives ∇f(x)
     * @param curvatureOut receives B(x), n × n, symmetric positive semidefinite (zero on entry)
     * @return f(x)
     */
    double valueGradientCurvature(double[] x, double[] gradOut, double[][] curvatureOut);

    /** The residual vector r(x) of a least-squares problem and its Jacobian J = ∂r/∂x. */
    @FunctionalInterface
    interface Residuals {
        /**
         * @param x           the point (not to be modified)
         * @param jacobianOut receives J (m × n, one row per residual), freshly allocated by the callee
         * @return r(x), m values
         */
        double[] residuals(double[] x, double[][][] jacobianOut);
    }

    /** f = ½‖r‖², ∇f = Jᵀr, B = JᵀJ (Gauss–Newton). */
    static CurvatureObjective leastSquares(Residuals residuals) {
        return (x, g, b) -> {
            double[][][] jac = new double[1][][];
            double[] r = residuals.residuals(x, jac);
            double[][] j = jac[0];
            double f = 0;
            for (int i = 0; i < r.length; i++) {
                f += 0.5 * r[i] * r[i];
                for (int a = 0; a < x.length; a++) {
                    g[a] += j[i][a] * r[i];
                    for (int c = 0; c < x.length; c++) {
                        b[a][c] += j[i][a] * j[i][c];
                    }
                }
            }
            return f;
        };
    }
}
