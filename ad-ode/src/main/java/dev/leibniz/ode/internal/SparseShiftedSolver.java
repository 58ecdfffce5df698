package dev.leibniz.ode.internal;

import dev.leibniz.ode.OdeException;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;

/**
 * Sparse J (CSC, structure fixed for the solve) and a sparse LU of M = I − hγJ (or I − hγJᵀ) by
 * EJML's up-looking LU with partial pivoting.
 *
 * <p>EJML 0.43 offers no fill-reducing ordering for LU (only none or random), so the matrix is
 * permuted symmetrically beforehand by {@link ReverseCuthillMcKee}: M' = P M Pᵀ, with
 * M'[a][b] = M[order[a]][order[b]], and M x = b is solved as M' (P x) = P b. The structure of
 * M' (the pattern of J, transposed for the adjoint, plus the diagonal) and where each entry of J
 * and of I lands in it are computed once; a factorization refills the values and factors, and
 * a solve permutes in, substitutes and permutes out, all in preallocated arrays.
 */
final class SparseShiftedSolver implements ShiftedSolver {
    private final RhsFunction f;
    private final int n;
    private final DMatrixSparseCSC jac;
    private final DMatrixSparseCSC m;
    private final int[] jacToM;
    private final int[] diagToM;
    private final int[] order;
    private final LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> lu;
    private final DMatrixRMaj b;
    private final DMatrixRMaj x;
    private final boolean transpose;
    private double hg;
    private double[] rhsCopy; // scratch of solveRefined, made on first use
    private double[] res;
    private double[] sumHi;
    private double[] sumLo;

    SparseShiftedSolver(RhsFunction f, DMatrixSparseCSC jacobian, boolean transpose) {
        this.f = f;
        this.jac = jacobian;
        this.n = jacobian.numRows;
        this.transpose = transpose;
        int nnz = jacobian.nz_length;
        // entries of M as (row, col), before permutation
        int[] er = new int[nnz];
        int[] ec = new int[nnz];
        for (int k = 0; k < n; k++) {
            for (int e = jacobian.col_idx[k]; e < jacobian.col_idx[k + 1]; e++) {
                int i = jacobian.nz_rows[e];
                er[e] = transpose ? k : i;
                ec[e] = transpose ? i : k;
            }
        }
        int[][] sym = symmetricGraph(n, er, ec);
        this.order = ReverseCuthillMcKee.order(n, sym[0], sym[1]);
        int[] inv = new int[n];
        for (int a = 0; a < n; a++) {
            inv[order[a]] = a;
        }
        // column-major keys c·n + r of M' = P M Pᵀ, diagonal included, sorted and unique
        long[] keys = new long[nnz + n];
        for (int e = 0; e < nnz; e++) {
            keys[e] = (long) inv[ec[e]] * n + inv[er[e]];
        }
        for (int i = 0; i < n; i++) {
            keys[nnz + i] = (long) i * n + i;
        }
        long[] sorted = Arrays.stream(keys).sorted().distinct().toArray();
        this.m = new DMatrixSparseCSC(n, n, sorted.length);
        for (int e = 0; e < sorted.length; e++) {
            int c = (int) (sorted[e] / n);
            m.nz_rows[e] = (int) (sorted[e] % n);
            m.col_idx[c + 1]++;
        }
        for (int c = 0; c < n; c++) {
            m.col_idx[c + 1] += m.col_idx[c];
        }
        m.nz_length = sorted.length;
        m.indicesSorted = true;
        this.jacToM = new int[nnz];
        for (int e = 0; e < nnz; e++) {
            jacToM[e] = Arrays.binarySearch(sorted, keys[e]);
        }
        this.diagToM = new int[n];
        for (int i = 0; i < n; i++) {
            diagToM[order[i]] = Arrays.binarySearch(sorted, keys[nnz + i]);
        }
        this.lu = LinearSolverFactory_DSCC.lu(FillReducing.NONE);
        this.b = new DMatrixRMaj(n, 1);
        this.x = new DMatrixRMaj(n, 1);
    }

    /** {row pointers, adjacency} in CSR of the graph of M + Mᵀ, without the diagonal. */
    static int[][] symmetricGraph(int n, int[] er, int[] ec) {
        long[] keys = new long[2 * er.length];
        int c = 0;
        for (int e = 0; e < er.length; e++) {
            if (er[e] != ec[e]) {
                keys[c++] = (long) er[e] * n + ec[e];
                keys[c++] = (long) ec[e] * n + er[e];
            }
        }
        long[] u = Arrays.stream(keys, 0, c).sorted().distinct().toArray();
        int[] ptr = new int[n + 1];
        int[] adj = new int[u.length];
        for (int e = 0; e < u.length; e++) {
            ptr[(int) (u[e] / n) + 1]++;
            adj[e] = (int) (u[e] % n);
        }
        for (int v = 0; v < n; v++) {
            ptr[v + 1] += ptr[v];
        }
        return new int[][] {ptr, adj};
    }

    @Override
    public void update(double t, double[] y, int yOff) {
        f.jacobian(t, y, yOff, jac);
    }

    @Override
    public void factor(double hGamma, double t) {
        hg = hGamma;
        double[] v = m.nz_values;
        Arrays.fill(v, 0, m.nz_length, 0.0);
        double[] j = jac.nz_values;
        for (int e = 0; e < jacToM.length; e++) {
            v[jacToM[e]] -= hGamma * j[e];
        }
        for (int i = 0; i < n; i++) {
            v[diagToM[i]] += 1.0;
        }
        for (int e = 0; e < m.nz_length; e++) {
            if (!Double.isFinite(v[e])) {
                throw singular(hGamma, t, "non-finite");
            }
        }
        if (!lu.setA(m)) { // false on a zero pivot column
            throw singular(hGamma, t, "singular");
        }
    }

    private static OdeException singular(double hGamma, double t, String what) {
        return new OdeException("the implicit method's matrix I - h*gamma*J is " + what + " at t = " + t
                + " (h*gamma = " + hGamma + ", sparse LU)", OdeException.Reason.SINGULAR_MATRIX, t, hGamma, null);
    }

    @Override
    public void solve(double[] rhs, int off) {
        double[] bd = b.data;
        for (int a = 0; a < n; a++) {
            bd[a] = rhs[off + order[a]];
        }
        lu.solve(b, x);
        double[] xd = x.data;
        for (int a = 0; a < n; a++) {
            rhs[off + order[a]] = xd[a];
        }
    }

    @Override
    public void solveRefined(double[] rhs, int off) {
        if (res == null) {
            rhsCopy = new double[n];
            res = new double[n];
            sumHi = new double[n];
            sumLo = new double[n];
        }
        System.arraycopy(rhs, off, rhsCopy, 0, n);
        solve(rhs, off);
        CompensatedResidual.sparse(jac, transpose, hg, rhsCopy, 0, rhs, off, res, sumHi, sumLo);
        solve(res, 0);
        for (int i = 0; i < n; i++) {
            rhs[off + i] += res[i];
        }
    }
}
