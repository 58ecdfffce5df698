package dev.leibniz.sparse.examples;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import dev.leibniz.sparse.SparsityException;

/**
 * The right-hand side of the 2-D Brusselator reaction–diffusion system on a periodic n×n grid
 * (Hairer &amp; Wanner, <i>Solving ODEs II</i>, §IV.10; the form used by the SparseDiffTools and
 * SparseConnectivityTracer benchmarks), without the forcing term, which is zero before t = 1.1
 * and does not change the sparsity:
 * <pre>
 *   u'_ij = 1 + u_ij² v_ij − 4.4 u_ij + α (u_{i+1,j} + u_{i−1,j} + u_{i,j+1} + u_{i,j−1} − 4 u_ij)
 *   v'_ij = 3.4 u_ij − u_ij² v_ij     + α (v_{i+1,j} + v_{i−1,j} + v_{i,j+1} + v_{i,j−1} − 4 v_ij)
 * </pre>
 * with indices modulo n and, by default, α = 10/Δx², Δx = 1/(n − 1).
 *
 * <p>State layout (inputs and outputs alike): all u first, then all v, row-major —
 * u_ij at {@code i·n + j}, v_ij at {@code n² + i·n + j}. There are 2n² states; each row of the
 * Jacobian has 5 stencil entries of its own species and 1 of the other, so nnz = 12n²
 * (12,288 for n = 32). Inputs are named {@code u_i_j}, {@code v_i_j}; outputs {@code du_i_j},
 * {@code dv_i_j}.
 *
 * <p>A fixture for tests and benchmarks: {@link #graph(int)} is the Leibniz graph and
 * {@link #rhs} the same function in plain Java, the baseline a user would otherwise write.
 */
public final class Brusselator2D {
    private Brusselator2D() {
    }

    public static final double A = 3.4;
    public static final double B = 1.0;

    /** The default diffusion coefficient 10/Δx² with Δx = 1/(n − 1). */
    public static double defaultAlpha(int n) {
        checkN(n);
        return 10.0 * (n - 1) * (n - 1);
    }

    /** The graph of the right-hand side with the default α. */
    public static Graph graph(int n) {
        return graph(n, defaultAlpha(n));
    }

    /** The graph of the right-hand side: 2n² inputs, 2n² outputs. */
    public static Graph graph(int n, double alpha) {
        checkN(n);
        GraphBuilder b = GraphBuilder.tracing();
        int nn = n * n;
        Var[] u = new Var[nn];
        Var[] v = new Var[nn];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                u[i * n + j] = b.input("u_" + i + "_" + j);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i * n + j] = b.input("v_" + i + "_" + j);
            }
        }
        Var one = b.constant(B);
        Var aPlusOne = b.constant(A + 1.0);
        Var a = b.constant(A);
        Var al = b.constant(alpha);
        Var four = b.constant(4.0);
        String[] names = new String[2 * nn];
        int[] nodes = new int[2 * nn];
        for (int i = 0; i < n; i++) {
            int ip = (i + 1) % n;
            int im = (i + n - 1) % n;
            for (int j = 0; j < n; j++) {
                int jp = (j + 1) % n;
                int jm = (j + n - 1) % n;
                int c = i * n + j;
                Var uc = u[c];
                Var vc = v[c];
                Var lapU = u[ip * n + j].add(u[im * n + j]).add(u[i * n + jp]).add(u[i * n + jm]).sub(four.mul(uc));
                Var lapV = v[ip * n + j].add(v[im * n + j]).add(v[i * n + jp]).add(v[i * n + jm]).sub(four.mul(vc));
                Var u2v = uc.square().mul(vc);
                Var du = one.add(u2v).sub(aPlusOne.mul(uc)).add(al.mul(lapU));
                Var dv = a.mul(uc).sub(u2v).add(al.mul(lapV));
                names[c] = "du_" + i + "_" + j;
                nodes[c] = du.node();
                names[nn + c] = "dv_" + i + "_" + j;
                nodes[nn + c] = dv.node();
            }
        }
        return b.build(names, nodes);
    }

    /** The same right-hand side in plain Java: {@code out = f(state)}, both of length 2n². */
    public static void rhs(int n, double alpha, double[] state, double[] out) {
        checkN(n);
        int nn = n * n;
        if (state.length != 2 * nn || out.length != 2 * nn) {
            throw new SparsityException("Brusselator " + n + "×" + n + " has " + 2 * nn + " states, got arrays of length "
                    + state.length + " and " + out.length);
        }
        for (int i = 0; i < n; i++) {
            int ip = (i + 1) % n;
            int im = (i + n - 1) % n;
            for (int j = 0; j < n; j++) {
                int jp = (j + 1) % n;
                int jm = (j + n - 1) % n;
                int c = i * n + j;
                double uc = state[c];
                double vc = state[nn + c];
                double lapU = state[ip * n + j] + state[im * n + j] + state[i * n + jp] + state[i * n + jm] - 4.0 * uc;
                double lapV = state[nn + ip * n + j] + state[nn + im * n + j] + state[nn + i * n + jp]
                        + state[nn + i * n + jm] - 4.0 * vc;
                double u2v = uc * uc * vc;
                out[c] = B + u2v - (A + 1.0) * uc + alpha * lapU;
                out[nn + c] = A * uc - u2v + alpha * lapV;
            }
        }
    }

    /**
     * The initial state of the benchmark: u = 22·(y(1 − y))^{3/2}, v = 27·(x(1 − x))^{3/2} at
     * grid point (x_i, y_j) = (i, j)/(n − 1).
     */
    public static double[] initialState(int n) {
        checkN(n);
        int nn = n * n;
        double[] s = new double[2 * nn];
        for (int i = 0; i < n; i++) {
            double x = (double) i / (n - 1);
            for (int j = 0; j < n; j++) {
                double y = (double) j / (n - 1);
                s[i * n + j] = 22.0 * Math.pow(y * (1.0 - y), 1.5);
                s[nn + i * n + j] = 27.0 * Math.pow(x * (1.0 - x), 1.5);
            }
        }
        return s;
    }

    private static void checkN(int n) {
        if (n < 3) {
            throw new SparsityException("the periodic Brusselator grid needs n ≥ 3 (five distinct stencil points), got " + n);
        }
    }
}
