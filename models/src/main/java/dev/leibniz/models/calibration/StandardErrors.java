package dev.leibniz.models.calibration;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Standard errors from the Gauss–Newton approximation of the Hessian. For residuals r with
 * Jacobian J (N × P) at the optimum, the covariance of the estimate is
 *
 * <pre>
 *   Cov = σ² (JᵀJ)⁻¹,   σ² = Σr² / (N − P)
 * </pre>
 *
 * computed through the singular value decomposition J = UΣVᵀ, so (JᵀJ)⁻¹ = VΣ⁻²Vᵀ without
 * forming JᵀJ (which would square the condition number). Undefined — NaN — when N ≤ P or J is
 * rank deficient (a singular value below 1e-12 of the largest: a parameter the data cannot
 * see).
 */
final class StandardErrors {
    private StandardErrors() {
    }

    /**
     * @param jacobian N × P, rows per residual
     * @param sigma2   the residual variance; pass 1 for a likelihood with known dispersion
     * @return P standard errors, NaN when undefined
     */
    /**
     * The condition number s_max/s_min of J D⁻¹, J with its columns scaled to unit norm (D =
     * diag ‖J e_j‖): what rounding in the residuals does to the parameters' relative accuracy,
     * about ε·κ (Björck 1996, §1.4), free of the parameters' units; +∞ when rank deficient, NaN
     * without columns.
     */
    static double scaledConditionNumber(double[][] jacobian) {
        int n = jacobian.length;
        int p = n == 0 ? 0 : jacobian[0].length;
        if (p == 0 || n < p) {
            return Double.NaN;
        }
        double[][] js = new double[n][p];
        for (int j = 0; j < p; j++) {
            double c = 0;
            for (double[] row : jacobian) {
                c += row[j] * row[j];
            }
            c = Math.sqrt(c);
            for (int i = 0; i < n; i++) {
                js[i][j] = c > 0 ? jacobian[i][j] / c : 0;
            }
        }
        double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(js, false)).getSingularValues();
        return s[s.length - 1] > 0 ? s[0] / s[s.length - 1] : Double.POSITIVE_INFINITY;
    }

    static double[] of(double[][] jacobian, double sigma2) {
        int n = jacobian.length;
        int p = n == 0 ? 0 : jacobian[0].length;
        double[] se = new double[p];
        java.util.Arrays.fill(se, Double.NaN);
        if (p == 0 || n < p || !Double.isFinite(sigma2)) {
            return se;
        }
        RealMatrix j = new Array2DRowRealMatrix(jacobian, true);
        SingularValueDecomposition svd = new SingularValueDecomposition(j);
        double[] s = svd.getSingularValues();
        if (s[s.length - 1] <= 1e-12 * s[0] || s[0] == 0) {
            return se;
        }
        RealMatrix v = svd.getV();
        for (int a = 0; a < p; a++) {
            double var = 0;
            for (int k = 0; k < s.length; k++) {
                double x = v.getEntry(a, k) / s[k];
                var += x * x;
            }
            se[a] = Math.sqrt(sigma2 * var);
        }
        return se;
    }
}
