package dev.leibniz.models.calibration;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The trust-region subproblem of {@link GeodesicLevenbergMarquardt} solved through the SVD of the
 * scaled Jacobian J D⁻¹ = U S Vᵀ (D = diag of column norms): for every damping λ the step in
 * scaled coordinates is z(λ) = −V diag(sₖ/(sₖ² + λ)) Uᵀr, exact and cheap once the SVD is taken,
 * so finding the λ with ‖z(λ)‖ = Δ costs no further factorization. Singular values below
 * max(m, p)·ε of the largest are dropped (a pseudo-inverse: directions the data cannot see).
 */
final class ScaledSvdStep {
    final double[] s;
    final RealMatrix u;
    final RealMatrix v;
    final double[] ur;
    final int rank;

    ScaledSvdStep(double[][] jac, double[] d, double[] r) {
        int m = jac.length;
        int p = d.length;
        double[][] js = new double[m][p];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < p; j++) {
                js[i][j] = jac[i][j] / d[j];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(js, false));
        s = svd.getSingularValues();
        u = svd.getU();
        v = svd.getV();
        int k = 0;
        // singular values below the rounding level of the largest carry no information: a pseudo-inverse
        while (k < s.length && s[k] > s[0] * Math.max(m, p) * Math.ulp(1.0)) {
            k++;
        }
        rank = k;
        ur = project(r);
    }

    /** Uᵀw. */
    double[] project(double[] w) {
        double[] out = new double[s.length];
        for (int k = 0; k < s.length; k++) {
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                sum += u.getEntry(i, k) * w[i];
            }
            out[k] = sum;
        }
        return out;
    }

    /** The scaled step −V diag(sₖ/(sₖ² + λ)) g for g = Uᵀw. */
    double[] step(double[] g, double lambda) {
        int p = v.getRowDimension();
        double[] z = new double[p];
        for (int k = 0; k < rank; k++) {
            double c = s[k] * g[k] / (s[k] * s[k] + lambda);
            for (int j = 0; j < p; j++) {
                z[j] -= v.getEntry(j, k) * c;
            }
        }
        return z;
    }

    double stepNorm(double lambda) {
        double sum = 0;
        for (int k = 0; k < rank; k++) {
            double c = s[k] * ur[k] / (s[k] * s[k] + lambda);
            sum += c * c;
        }
        return Math.sqrt(sum);
    }

    double gaussNewtonNorm() {
        return stepNorm(0);
    }

    /** ‖U Uᵀ r‖²: the reduction of Σr² a Gauss–Newton step predicts. */
    double gaussNewtonReduction() {
        double sum = 0;
        for (int k = 0; k < rank; k++) {
            sum += ur[k] * ur[k];
        }
        return sum;
    }

    /**
     * The λ &gt; 0 with ‖step(λ)‖ = Δ (to 1e-3), by bisection on log λ: the norm falls
     * monotonically in λ, and is below ‖(JD⁻¹)ᵀr‖/λ, which brackets the root above.
     */
    double lambdaFor(double delta) {
        double grad = 0;
        for (int k = 0; k < rank; k++) {
            grad += Math.pow(s[k] * ur[k], 2);
        }
        double hi = Math.log(Math.sqrt(grad) / delta);
        double lo = hi - 80;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            double n = stepNorm(Math.exp(mid));
            if (Math.abs(n - delta) <= 1e-3 * delta) {
                return Math.exp(mid);
            }
            if (n > delta) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(hi);
    }
}
