package dev.leibniz.ode.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;

/**
 * {@link CompensatedResidual} against the residual r = b − x + hγ·J x computed exactly in
 * {@link BigDecimal} and rounded once, on rows of J whose terms (1e8 in size) cancel down to
 * about 1e-7 against x: the compensated residual is within a few units of rounding of
 * |b − x| + |hγ J x|, dense and sparse, with J and with Jᵀ, where a plain double sum is off by
 * up to u·Σ|hγ J_ik x_k|, orders of magnitude more (checked too, so that the test can tell them apart).
 */
class CompensatedResidualTest {
    private static final double U = Math.ulp(1.0) / 2;
    private static final int N = 6;

    @Test
    void denseAndSparseResidualsAreAccurateToWorkingPrecision() {
        Random rnd = new Random(42);
        double hg = 3.7;
        for (int trial = 0; trial < 20; trial++) {
            double[] x = new double[N];
            for (int k = 0; k < N; k++) {
                x[k] = rnd.nextDouble() * 2 - 1;
            }
            // rows of R nearly orthogonal to x: huge terms, small products
            double[] rows = new double[N * N];
            for (int i = 0; i < N; i++) {
                double dot = 0;
                for (int k = 0; k < N; k++) {
                    rows[i * N + k] = (rnd.nextDouble() * 2 - 1) * 1e8;
                    dot += rows[i * N + k] * x[k];
                }
                rows[i * N + i] -= dot / x[i];
            }
            for (boolean transpose : new boolean[] {false, true}) {
                // the product taken is always R x: J = R, or J = Rᵀ read transposed
                double[] jac = transpose ? transposed(rows) : rows;
                double[] b = new double[N];
                for (int i = 0; i < N; i++) {
                    b[i] = x[i] + rnd.nextDouble() * 1e-3;
                }
                double[] dense = new double[N];
                CompensatedResidual.dense(jac, N, transpose, hg, b, 0, x, 0, dense);
                double[] sparse = new double[N];
                CompensatedResidual.sparse(csc(jac), transpose, hg, b, 0, x, 0, sparse, new double[N], new double[N]);
                double naiveWorst = 0;
                for (int i = 0; i < N; i++) {
                    BigDecimal jx = BigDecimal.ZERO;
                    double naive = 0;
                    for (int k = 0; k < N; k++) {
                        double a = transpose ? jac[k * N + i] : jac[i * N + k];
                        jx = jx.add(new BigDecimal(a).multiply(new BigDecimal(x[k])));
                        naive += a * x[k];
                    }
                    BigDecimal hgJx = new BigDecimal(hg).multiply(jx);
                    double exact = new BigDecimal(b[i]).subtract(new BigDecimal(x[i])).add(hgJx)
                            .round(MathContext.DECIMAL128).doubleValue();
                    double bound = 4 * U * (Math.abs(b[i] - x[i]) + Math.abs(hgJx.doubleValue()));
                    assertTrue(Math.abs(dense[i] - exact) <= bound, "dense " + transpose + " row " + i + ": "
                            + dense[i] + " vs " + exact);
                    assertTrue(Math.abs(sparse[i] - exact) <= bound, "sparse " + transpose + " row " + i + ": "
                            + sparse[i] + " vs " + exact);
                    double plain = (b[i] - x[i]) + hg * naive;
                    naiveWorst = Math.max(naiveWorst, Math.abs(plain - exact) / bound);
                }
                assertTrue(naiveWorst > 10, "a plain sum would have passed too: worst " + naiveWorst + " bounds");
            }
        }
    }

    private static double[] transposed(double[] a) {
        double[] t = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < N; k++) {
                t[k * N + i] = a[i * N + k];
            }
        }
        return t;
    }

    private static DMatrixSparseCSC csc(double[] jac) {
        DMatrixSparseCSC m = new DMatrixSparseCSC(N, N, N * N);
        for (int c = 0; c < N; c++) {
            for (int r = 0; r < N; r++) {
                m.set(r, c, jac[r * N + c]);
            }
        }
        return m;
    }
}
