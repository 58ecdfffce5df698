package dev.leibniz.ode.internal;

import dev.leibniz.ode.OdeException;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;

/**
 * RADAU5's two linear systems with a sparse J ({@link Radau5} when the
 * {@link dev.leibniz.ode.JacobianStrategy} is sparse): the real one with
 * <pre>  E₁ = γ/h·I − J   (n×n)</pre>
 * and the complex one with E₂ = (α + iβ)/h·I − J as the real 2n×2n matrix
 * <pre>  [[α/h·I − J, −β/h·I], [β/h·I, α/h·I − J]],</pre>
 * each held in compressed columns of fixed structure and factored by EJML's sparse LU, as
 * {@link SparseShiftedSolver} does for the Rosenbrock methods. Both are permuted symmetrically
 * by the reverse Cuthill–McKee order of J's graph (EJML's LU has no fill-reducing ordering of its
 * own); E₂'s order interleaves each state's real and imaginary rows, (a, n + a), so that its
 * bandwidth is about twice J's. The dense forms cost n³/3 and 8n³/3 per factorization and n² and
 * 4n² of storage, which for the 2000-state chains that come to RADAU5 is out of reach.
 */
final class RadauSparseSystems extends RadauSystems {
    private final RhsFunction f;
    private final int n;
    private final DMatrixSparseCSC jac;
    private final Permuted e1;
    private final Permuted e2;
    private final int[] jacToE1;
    private final int[] diagE1;
    private final int[] jacToE2Re;
    private final int[] jacToE2Im;
    private final int[] diagE2Re;
    private final int[] diagE2Im;
    private final int[] offE2Upper;
    private final int[] offE2Lower;

    RadauSparseSystems(RhsFunction f, DMatrixSparseCSC pattern) {
        this.f = f;
        this.jac = pattern;
        this.n = pattern.numRows;
        int nnz = pattern.nz_length;
        int[] er = new int[nnz];
        int[] ec = new int[nnz];
        for (int k = 0; k < n; k++) {
            for (int e = pattern.col_idx[k]; e < pattern.col_idx[k + 1]; e++) {
                er[e] = pattern.nz_rows[e];
                ec[e] = k;
            }
        }
        int[][] sym = SparseShiftedSolver.symmetricGraph(n, er, ec);
        int[] order = ReverseCuthillMcKee.order(n, sym[0], sym[1]);
        int[] order2 = new int[2 * n];
        for (int a = 0; a < n; a++) {
            order2[2 * a] = order[a];
            order2[2 * a + 1] = n + order[a];
        }
        // E1: J's entries and the diagonal
        int[] r1 = concat(er, iota(n));
        int[] c1 = concat(ec, iota(n));
        e1 = new Permuted(n, order, r1, c1);
        jacToE1 = Arrays.copyOfRange(e1.slot, 0, nnz);
        diagE1 = Arrays.copyOfRange(e1.slot, nnz, nnz + n);
        // E2: J in both diagonal blocks, the diagonals of all four blocks
        int[] r2 = new int[2 * nnz + 4 * n];
        int[] c2 = new int[2 * nnz + 4 * n];
        for (int e = 0; e < nnz; e++) {
            r2[e] = er[e];
            c2[e] = ec[e];
            r2[nnz + e] = n + er[e];
            c2[nnz + e] = n + ec[e];
        }
        for (int i = 0; i < n; i++) {
            int o = 2 * nnz;
            r2[o + i] = i;             // α/h on the real block
            c2[o + i] = i;
            r2[o + n + i] = n + i;     // α/h on the imaginary block
            c2[o + n + i] = n + i;
            r2[o + 2 * n + i] = i;     // −β/h, upper right
            c2[o + 2 * n + i] = n + i;
            r2[o + 3 * n + i] = n + i; // β/h, lower left
            c2[o + 3 * n + i] = i;
        }
        e2 = new Permuted(2 * n, order2, r2, c2);
        jacToE2Re = Arrays.copyOfRange(e2.slot, 0, nnz);
        jacToE2Im = Arrays.copyOfRange(e2.slot, nnz, 2 * nnz);
        diagE2Re = Arrays.copyOfRange(e2.slot, 2 * nnz, 2 * nnz + n);
        diagE2Im = Arrays.copyOfRange(e2.slot, 2 * nnz + n, 2 * nnz + 2 * n);
        offE2Upper = Arrays.copyOfRange(e2.slot, 2 * nnz + 2 * n, 2 * nnz + 3 * n);
        offE2Lower = Arrays.copyOfRange(e2.slot, 2 * nnz + 3 * n, 2 * nnz + 4 * n);
    }

    /** J at (t, u): the state is u's first n components. */
    @Override
    void evaluate(double t, double[] u) {
        f.jacobian(t, u, 0, jac);
    }

    /** The values of J, for a checkpoint. */
    @Override
    double[] jacobianValues() {
        return jac.nz_values;
    }

    @Override
    int jacobianSize() {
        return jac.nz_length;
    }

    /** Factors E₁ and E₂ with fac1 = γ/h, alphn = α/h, betan = β/h. */
    @Override
    void factor(double fac1, double alphn, double betan, double t, double h) {
        double[] j = jac.nz_values;
        double[] v1 = e1.m.nz_values;
        Arrays.fill(v1, 0, e1.m.nz_length, 0.0);
        double[] v2 = e2.m.nz_values;
        Arrays.fill(v2, 0, e2.m.nz_length, 0.0);
        for (int e = 0; e < jacToE1.length; e++) {
            v1[jacToE1[e]] -= j[e];
            v2[jacToE2Re[e]] -= j[e];
            v2[jacToE2Im[e]] -= j[e];
        }
        for (int i = 0; i < n; i++) {
            v1[diagE1[i]] += fac1;
            v2[diagE2Re[i]] += alphn;
            v2[diagE2Im[i]] += alphn;
            v2[offE2Upper[i]] -= betan;
            v2[offE2Lower[i]] += betan;
        }
        e1.factor(t, h);
        e2.factor(t, h);
    }

    /** b ← E₁⁻¹ b (length n). */
    @Override
    void solveReal(double[] b) {
        e1.solve(b);
    }

    /** b ← E₂⁻¹ b for b = (re, im) of length 2n. */
    @Override
    void solveComplex(double[] b) {
        e2.solve(b);
    }

    private static int[] iota(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /**
     * A sparse matrix P M Pᵀ of fixed structure ({@code M'[a][b] = M[order[a]][order[b]]}), its LU
     * and the solve M x = b as M' (P x) = P b; {@code slot[e]} is where entry e of the (row, col)
     * list it was built from lands in the values (entries listed twice share a slot).
     */
    private static final class Permuted {
        final DMatrixSparseCSC m;
        final int[] slot;
        private final int[] order;
        private final LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> lu;
        private final DMatrixRMaj b;
        private final DMatrixRMaj x;

        Permuted(int size, int[] order, int[] rows, int[] cols) {
            this.order = order;
            int[] inv = new int[size];
            for (int a = 0; a < size; a++) {
                inv[order[a]] = a;
            }
            long[] keys = new long[rows.length];
            for (int e = 0; e < rows.length; e++) {
                keys[e] = (long) inv[cols[e]] * size + inv[rows[e]];
            }
            long[] sorted = Arrays.stream(keys).sorted().distinct().toArray();
            m = new DMatrixSparseCSC(size, size, sorted.length);
            for (int e = 0; e < sorted.length; e++) {
                m.nz_rows[e] = (int) (sorted[e] % size);
                m.col_idx[(int) (sorted[e] / size) + 1]++;
            }
            for (int c = 0; c < size; c++) {
                m.col_idx[c + 1] += m.col_idx[c];
            }
            m.nz_length = sorted.length;
            m.indicesSorted = true;
            slot = new int[rows.length];
            for (int e = 0; e < rows.length; e++) {
                slot[e] = Arrays.binarySearch(sorted, keys[e]);
            }
            lu = LinearSolverFactory_DSCC.lu(FillReducing.NONE);
            b = new DMatrixRMaj(size, 1);
            x = new DMatrixRMaj(size, 1);
        }

        void factor(double t, double h) {
            for (int e = 0; e < m.nz_length; e++) {
                if (!Double.isFinite(m.nz_values[e])) {
                    throw singular(t, h, "non-finite");
                }
            }
            if (!lu.setA(m)) {
                throw singular(t, h, "singular");
            }
        }

        private OdeException singular(double t, double h, String what) {
            return new OdeException("radau5's linear system (" + m.numRows + "x" + m.numRows + ", sparse LU) is "
                    + what + " at t = " + t + " (h = " + h + ")", OdeException.Reason.SINGULAR_MATRIX, t, h, null);
        }

        void solve(double[] rhs) {
            double[] bd = b.data;
            int size = order.length;
            for (int a = 0; a < size; a++) {
                bd[a] = rhs[order[a]];
            }
            lu.solve(b, x);
            double[] xd = x.data;
            for (int a = 0; a < size; a++) {
                rhs[order[a]] = xd[a];
            }
        }
    }
}
