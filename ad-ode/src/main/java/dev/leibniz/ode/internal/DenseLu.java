package dev.leibniz.ode.internal;

import dev.leibniz.ode.OdeException;

/**
 * LU factorization with partial pivoting of a small dense n×n matrix (row-major), in place,
 * for the implicit method's systems {@code (I − hγJ) x = r}. Cost n³/3 per factorization and n²
 * per solve; no allocation after construction. Large sparse systems belong to a sparse
 * {@link dev.leibniz.ode.JacobianStrategy} and solver.
 */
public final class DenseLu {
    private final int n;
    private final double[] lu;
    private final int[] piv;

    public DenseLu(int n) {
        this.n = n;
        this.lu = new double[n * n];
        this.piv = new int[n];
    }

    /** Factorizes {@code I − hGamma · J}; throws when a pivot vanishes. */
    public void factorShifted(double[] jac, double hGamma, double t) {
        for (int i = 0; i < n * n; i++) {
            lu[i] = -hGamma * jac[i];
        }
        for (int i = 0; i < n; i++) {
            lu[i * n + i] += 1.0;
        }
        factor(t, hGamma);
    }

    /**
     * Factorizes a general matrix (row-major n×n, copied); {@code t} and {@code scale} only label
     * the error when a pivot vanishes.
     */
    public void factorMatrix(double[] a, double t, double scale) {
        System.arraycopy(a, 0, lu, 0, n * n);
        factor(t, scale);
    }

    /** Factorizes {@code I − hGamma · Jᵀ} (the adjoint system's matrix). */
    public void factorShiftedTranspose(double[] jac, double hGamma, double t) {
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                lu[i * n + k] = -hGamma * jac[k * n + i];
            }
            lu[i * n + i] += 1.0;
        }
        factor(t, hGamma);
    }

    private void factor(double t, double hGamma) {
        for (int c = 0; c < n; c++) {
            int p = c;
            double max = Math.abs(lu[c * n + c]);
            for (int r = c + 1; r < n; r++) {
                double a = Math.abs(lu[r * n + c]);
                if (a > max) {
                    max = a;
                    p = r;
                }
            }
            if (!(max > 0) || !Double.isFinite(max)) {
                throw new OdeException("the implicit method's matrix I - h*gamma*J is singular or non-finite at t = " + t
                        + " (h*gamma = " + hGamma + ", column " + c + ")", OdeException.Reason.SINGULAR_MATRIX, t,
                        hGamma, null);
            }
            piv[c] = p;
            if (p != c) {
                for (int k = 0; k < n; k++) {
                    double tmp = lu[c * n + k];
                    lu[c * n + k] = lu[p * n + k];
                    lu[p * n + k] = tmp;
                }
            }
            double d = lu[c * n + c];
            for (int r = c + 1; r < n; r++) {
                double f = lu[r * n + c] / d;
                lu[r * n + c] = f;
                if (f != 0) {
                    for (int k = c + 1; k < n; k++) {
                        lu[r * n + k] -= f * lu[c * n + k];
                    }
                }
            }
        }
    }

    /** Overwrites {@code b[off..off+n)} with the solution. */
    public void solve(double[] b, int off) {
        for (int c = 0; c < n; c++) {
            int p = piv[c];
            if (p != c) {
                double tmp = b[off + c];
                b[off + c] = b[off + p];
                b[off + p] = tmp;
            }
        }
        for (int r = 1; r < n; r++) {
            double s = b[off + r];
            for (int k = 0; k < r; k++) {
                s -= lu[r * n + k] * b[off + k];
            }
            b[off + r] = s;
        }
        for (int r = n - 1; r >= 0; r--) {
            double s = b[off + r];
            for (int k = r + 1; k < n; k++) {
                s -= lu[r * n + k] * b[off + k];
            }
            b[off + r] = s / lu[r * n + r];
        }
    }
}
