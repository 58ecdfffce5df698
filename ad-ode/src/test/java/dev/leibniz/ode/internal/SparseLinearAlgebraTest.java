package dev.leibniz.ode.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import dev.leibniz.ode.JacobianStrategy;
import dev.leibniz.ode.OdeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sparse strategy below the solver: the compressed ∂f/∂y of a graph that also reads t and
 * parameters (inputs in scrambled order) against the dense sweep and central differences, and the
 * sparse LU of I − hγJ and I − hγJᵀ against the residual of the system it solves.
 */
class SparseLinearAlgebraTest {
    static final int N = 80;

    /**
     * f_i = k_i (y_{i−1} − 2 y_i + y_{i+1}) + sin(t) y_i² + c·y_{(i+7) mod N}, inputs declared in
     * the order c, y_{N−1} … y_0 interleaved with k_i, then t.
     */
    static Graph chain() {
        GraphBuilder b = GraphBuilder.tracing();
        Var c = b.input("c");
        Var[] y = new Var[N];
        Var[] k = new Var[N];
        for (int i = N - 1; i >= 0; i--) {
            y[i] = b.input("y" + i);
            k[i] = b.input("k" + i);
        }
        Var t = b.input("t");
        Map<String, Var> out = new LinkedHashMap<>();
        for (int i = 0; i < N; i++) {
            Var left = i > 0 ? y[i - 1] : y[i].mul(0.0);
            Var right = i < N - 1 ? y[i + 1] : y[i].mul(0.0);
            out.put("f" + i, k[i].mul(left.sub(y[i].mul(2.0)).add(right)).add(t.sin().mul(y[i].square()))
                    .add(c.mul(y[(i + 7) % N])));
        }
        return b.build(out);
    }

    /** source[j] for chain(): −1 for t, state i, or N + parameter (c = 0, k_i = 1 + i). */
    static int[] source(Graph g) {
        int[] s = new int[g.inputCount()];
        for (int j = 0; j < s.length; j++) {
            String name = g.inputName(j);
            s[j] = name.equals("t") ? -1 : name.equals("c") ? N : name.startsWith("y")
                    ? Integer.parseInt(name.substring(1)) : N + 1 + Integer.parseInt(name.substring(1));
        }
        return s;
    }

    static double[] params() {
        double[] p = new double[N + 1];
        p[0] = 0.3;
        for (int i = 0; i < N; i++) {
            p[1 + i] = 1 + 0.01 * i;
        }
        return p;
    }

    static RhsFunction rhs(JacobianStrategy s) {
        Graph g = chain();
        return new RhsFunction(g, source(g), N, N + 1, params(), s, new Counters());
    }

    static double[] point(long seed) {
        Random r = new Random(seed);
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = r.nextGaussian();
        }
        return y;
    }

    @Test
    void compressedJacobianEqualsTheDenseSweepBitwiseAndTheDifferences() {
        double t = 0.7;
        double[] y = point(1);
        double[] sparse = new double[N * N];
        double[] dense = new double[N * N];
        RhsFunction rs = rhs(JacobianStrategy.sparse());
        rs.jacobian(t, y, 0, sparse);
        rhs(JacobianStrategy.dense()).jacobian(t, y, 0, dense);
        assertArrayEquals(dense, sparse, 0.0);
        RhsFunction plain = rhs(JacobianStrategy.dense());
        double[] fa = new double[N];
        double[] fb = new double[N];
        for (int k = 0; k < N; k++) {
            double h = 1e-6;
            double[] a = y.clone();
            double[] b = y.clone();
            a[k] += h;
            b[k] -= h;
            plain.eval(t, a, 0, fa, 0);
            plain.eval(t, b, 0, fb, 0);
            for (int i = 0; i < N; i++) {
                assertEquals((fa[i] - fb[i]) / (2 * h), sparse[i * N + k], 1e-8, "df" + i + "/dy" + k);
            }
        }
        // only state columns are colored (t, c and the k_i share one extra lane, not counted): a row holds
        // 4 state entries (y_{i−1}, y_i, y_{i+1}, y_{i+7}), so at least 4 colors; a column meets at most 10
        // others in some row (offsets ±1, ±2, ±6, ±7, ±8), so a greedy coloring needs at most 11
        rs.shiftedSolver(false);
        int sweeps = rs.counters().jacobianSweeps;
        assertTrue(sweeps >= 4 && sweeps <= 11, sweeps + " state colors");
    }

    @Test
    void sparseLuSolvesTheShiftedSystemAndItsTranspose() {
        double t = 0.3;
        double[] y = point(2);
        double[] jac = new double[N * N];
        rhs(JacobianStrategy.dense()).jacobian(t, y, 0, jac);
        RhsFunction f = rhs(JacobianStrategy.sparse());
        Random r = new Random(3);
        for (boolean transpose : new boolean[] {false, true}) {
            ShiftedSolver s = f.shiftedSolver(transpose);
            assertTrue(s instanceof SparseShiftedSolver);
            s.update(t, y, 0);
            // hγ from tiny (near identity) to large (J dominates, pivoting matters)
            for (double hg : new double[] {1e-4, 0.1, 10.0}) {
                s.factor(hg, t);
                double[] b = new double[N + 3];
                for (int i = 0; i < b.length; i++) {
                    b[i] = r.nextGaussian();
                }
                double[] x = b.clone();
                s.solve(x, 3);
                double worst = 0;
                for (int i = 0; i < N; i++) {
                    double mx = x[3 + i];
                    for (int k = 0; k < N; k++) {
                        double jik = transpose ? jac[k * N + i] : jac[i * N + k];
                        mx -= hg * jik * x[3 + k];
                    }
                    worst = Math.max(worst, Math.abs(mx - b[3 + i]));
                }
                assertTrue(worst < 1e-12 * (1 + hg * 10), "residual " + worst + " at h*gamma = " + hg
                        + (transpose ? " (transposed)" : ""));
                assertArrayEquals(new double[] {b[0], b[1], b[2]}, new double[] {x[0], x[1], x[2]}, 0.0,
                        "entries before the offset are untouched");
            }
        }
    }

    @Test
    void nonFiniteJacobianIsASingularMatrixFailure() {
        // f = sqrt(y): ∂f/∂y is infinite at y = 0
        GraphBuilder b = GraphBuilder.tracing();
        Map<String, Var> out = new LinkedHashMap<>();
        Var[] y = new Var[N];
        for (int i = 0; i < N; i++) {
            y[i] = b.input("y" + i);
        }
        for (int i = 0; i < N; i++) {
            out.put("f" + i, y[i].sqrt().add(y[(i + 1) % N]));
        }
        Graph g = b.build(out);
        int[] src = new int[N];
        for (int i = 0; i < N; i++) {
            src[i] = i;
        }
        RhsFunction f = new RhsFunction(g, src, N, 0, new double[0], JacobianStrategy.sparse(), new Counters());
        ShiftedSolver s = f.shiftedSolver(false);
        double[] at = new double[N];
        java.util.Arrays.fill(at, 1.0);
        at[5] = 0.0;
        s.update(2.5, at, 0);
        OdeException e = assertThrows(OdeException.class, () -> s.factor(0.1, 2.5));
        assertEquals(OdeException.Reason.SINGULAR_MATRIX, e.reason());
        assertTrue(e.getMessage().contains("t = 2.5"), e.getMessage());
    }

    @Test
    void reverseCuthillMcKeeFindsTheBandOfAScrambledGrid() {
        int m = 12;
        int n = m * m;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Random r = new Random(5);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        // 5-point grid Laplacian (no wrap) on scrambled vertex numbers
        int[] er = new int[4 * n];
        int[] ec = new int[4 * n];
        int e = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i + 1 < m) {
                    er[e] = perm[i * m + j];
                    ec[e++] = perm[(i + 1) * m + j];
                }
                if (j + 1 < m) {
                    er[e] = perm[i * m + j];
                    ec[e++] = perm[i * m + j + 1];
                }
            }
        }
        int[][] g = SparseShiftedSolver.symmetricGraph(n, java.util.Arrays.copyOf(er, e), java.util.Arrays.copyOf(ec, e));
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        int[] order = ReverseCuthillMcKee.order(n, g[0], g[1]);
        assertArrayEquals(identity, java.util.Arrays.stream(order).sorted().toArray(), "a permutation");
        int scrambled = ReverseCuthillMcKee.bandwidth(n, g[0], g[1], identity);
        int rcm = ReverseCuthillMcKee.bandwidth(n, g[0], g[1], order);
        // the natural row-by-row numbering has bandwidth m; RCM's diagonal sweep needs at most m + 1
        assertTrue(rcm <= m + 1, "RCM bandwidth " + rcm + " (scrambled " + scrambled + ")");
        assertTrue(scrambled > 5 * m, "the scrambled numbering is far from banded: " + scrambled);
    }
}
