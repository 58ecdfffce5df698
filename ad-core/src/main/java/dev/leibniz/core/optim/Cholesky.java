package dev.leibniz.core.optim;

/**
 * Cholesky factorization A = LLᵀ and solve of a small dense symmetric positive definite system:
 * the damped Gauss–Newton matrix of {@link ProjectedLevenbergMarquardt} and the free-subspace
 * block of {@link Lbfgsb}'s BFGS matrix. A pivot that rounding drives to zero or below is floored
 * at the smallest normal number (both callers' matrices are positive definite in exact
 * arithmetic: λD &gt; 0 in one, θ &gt; 0 and sᵀy &gt; 0 in the other), so the solve never divides by 0.
 */
final class Cholesky {
    private Cholesky() {
    }

    /** x with A x = b (A n × n, read only on and below the diagonal; neither argument is modified). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(sum, Double.MIN_NORMAL));
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }
}
