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

    /**
     * @param jacobian N × P, rows per residual
     * @param sigma2   the residual variance; pass 1 for a likelihood with known dispersion
     * @return P standard errors, NaN when undefined: the square roots of {@link #covariance}'s diagonal
     */
    static double[] of(double[][] jacobian, double sigma2) {
        double[][] cov = covariance(jacobian, sigma2);
        double[] se = new double[cov.length];
        for (int a = 0; a < se.length; a++) {
            se[a] = Math.sqrt(cov[a][a]);
        }
        return se;
    }

    /**
     * The covariance σ² V Σ⁻² Vᵀ = σ² (JᵀJ)⁻¹ from the same SVD as {@link #of}, so that the square
     * roots of its diagonal are exactly the standard errors; every entry NaN when undefined (N ≤ P,
     * σ² not finite, or J rank deficient).
     *
     * @param jacobian N × P, rows per residual
     * @param sigma2   the residual variance; 1 for a likelihood with known dispersion
     * @return P × P, symmetric
     */
    static double[][] covariance(double[][] jacobian, double sigma2) {
        int n = jacobian.length;
        int p = n == 0 ? 0 : jacobian[0].length;
        double[][] cov = new double[p][p];
        for (double[] row : cov) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        if (p == 0 || n < p || !Double.isFinite(sigma2)) {
            return cov;
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(jacobian, true));
        double[] s = svd.getSingularValues();
        if (s[s.length - 1] <= 1e-12 * s[0] || s[0] == 0) {
            return cov;
        }
        double[][] w = svd.getV().getData(); // w[a][k] = V[a][k] / s[k]
        for (double[] row : w) {
            for (int k = 0; k < s.length; k++) {
                row[k] /= s[k];
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b <= a; b++) {
                double c = 0;
                for (int k = 0; k < s.length; k++) {
                    c += w[a][k] * w[b][k];
                }
                cov[a][b] = sigma2 * c;
                cov[b][a] = cov[a][b];
            }
        }
        return cov;
    }

    /**
     * The correlation c_ab = Cov_ab / √(Cov_aa Cov_bb) of a covariance; rows and columns of a
     * parameter without a finite positive variance are NaN, the diagonal of the others exactly 1.
     */
    static double[][] correlation(double[][] cov) {
        int p = cov.length;
        double[][] c = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double va = cov[a][a];
                double vb = cov[b][b];
                boolean ok = va > 0 && vb > 0 && Double.isFinite(va) && Double.isFinite(vb);
                c[a][b] = !ok ? Double.NaN : a == b ? 1.0 : Math.max(-1, Math.min(1, cov[a][b] / Math.sqrt(va * vb)));
            }
        }
        return c;
    }
}
