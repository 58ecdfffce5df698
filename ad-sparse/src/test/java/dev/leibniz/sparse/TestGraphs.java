package dev.leibniz.sparse;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Var;
import java.util.Random;

/** Graphs with known Jacobian structure, and dense oracles independent of this module. */
final class TestGraphs {
    private TestGraphs() {
    }

    static Var[] inputs(GraphBuilder b, int n) {
        Var[] x = new Var[n];
        for (int j = 0; j < n; j++) {
            x[j] = b.input("x" + j);
        }
        return x;
    }

    static Graph build(GraphBuilder b, Var[] outs) {
        String[] names = new String[outs.length];
        int[] nodes = new int[outs.length];
        for (int i = 0; i < outs.length; i++) {
            names[i] = "f" + i;
            nodes[i] = outs[i].node();
        }
        return b.build(names, nodes);
    }

    /** f_i = sin(x_{i−1}) − 2x_i² + x_{i+1} (missing neighbours omitted): tridiagonal. */
    static Graph tridiagonal(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = inputs(b, n);
        Var[] f = new Var[n];
        for (int i = 0; i < n; i++) {
            Var e = x[i].square().mul(-2.0);
            if (i > 0) {
                e = e.add(x[i - 1].sin());
            }
            if (i < n - 1) {
                e = e.add(x[i + 1]);
            }
            f[i] = e;
        }
        return build(b, f);
    }

    /**
     * The k-th iterated forward difference of (x_j·x_j + sin x_j): n − k outputs, row i has
     * columns i … i + k (an upper band of width k).
     */
    static Graph iteratedDifference(int n, int k) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = inputs(b, n);
        Var[] y = new Var[n];
        for (int j = 0; j < n; j++) {
            y[j] = x[j].mul(x[j]).add(x[j].sin());
        }
        int len = n;
        for (int r = 0; r < k; r++) {
            Var[] d = new Var[len - 1];
            for (int i = 0; i < len - 1; i++) {
                d[i] = y[i + 1].sub(y[i]);
            }
            y = d;
            len--;
        }
        return build(b, y);
    }

    /** f_0 = Σ_j tanh(x_j) (a dense row), f_i = exp(x_i) for i ≥ 1 (diagonal). */
    static Graph denseRow(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = inputs(b, n);
        Var[] f = new Var[n];
        Var s = x[0].tanh();
        for (int j = 1; j < n; j++) {
            s = s.add(x[j].tanh());
        }
        f[0] = s;
        for (int i = 1; i < n; i++) {
            f[i] = x[i].exp();
        }
        return build(b, f);
    }

    /** f_0 = x_0², f_i = x_0·x_i (a dense first column and the diagonal). */
    static Graph denseColumn(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = inputs(b, n);
        Var[] f = new Var[n];
        f[0] = x[0].square();
        for (int i = 1; i < n; i++) {
            f[i] = x[0].mul(x[i]);
        }
        return build(b, f);
    }

    /** The full arrowhead: the dense row and the dense column together. */
    static Graph arrowhead(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = inputs(b, n);
        Var[] f = new Var[n];
        Var s = x[0];
        for (int j = 1; j < n; j++) {
            s = s.add(x[j].cos());
        }
        f[0] = s;
        for (int i = 1; i < n; i++) {
            f[i] = x[0].mul(x[i]).add(x[i].square());
        }
        return build(b, f);
    }

    /** blocks × size outputs; output i of block B is Π over the block's inputs times (1 + i). */
    static Graph blockDiagonal(int blocks, int size) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = inputs(b, blocks * size);
        Var[] f = new Var[blocks * size];
        for (int blk = 0; blk < blocks; blk++) {
            for (int i = 0; i < size; i++) {
                Var e = x[blk * size + i].add(1.0 + i);
                for (int j = 0; j < size; j++) {
                    if (j != i) {
                        e = e.mul(x[blk * size + j].sin());
                    }
                }
                f[blk * size + i] = e;
            }
        }
        return build(b, f);
    }

    /** f_i = x_i³ + 1 (diagonal). */
    static Graph diagonal(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = inputs(b, n);
        Var[] f = new Var[n];
        for (int i = 0; i < n; i++) {
            f[i] = x[i].pow(3).add(1.0);
        }
        return build(b, f);
    }

    static double[] randomPoint(Random rnd, int n) {
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = -2 + 4 * rnd.nextDouble();
        }
        return x;
    }

    /** The dense Jacobian by ad-core reverse mode, one unit cotangent (row) at a time. */
    static double[][] denseReverse(Graph g, double[] x) {
        Program p = g.compile();
        int m = g.outputCount();
        double[][] j = new double[m][];
        for (int i = 0; i < m; i++) {
            double[] ct = new double[m];
            ct[i] = 1.0;
            j[i] = p.vjp(x, ct);
        }
        return j;
    }

    /** Dense boolean matrix of a CSR pattern, computed independently of SparsityPattern's helpers. */
    static boolean[][] dense(SparsityPattern p) {
        boolean[][] m = new boolean[p.rows()][p.cols()];
        for (int i = 0; i < p.rows(); i++) {
            for (int j : p.columnsOf(i)) {
                m[i][j] = true;
            }
        }
        return m;
    }

    /** a == b, treating −0 and +0 as equal and NaN as equal to NaN. */
    static boolean same(double a, double b) {
        return a == b || (Double.isNaN(a) && Double.isNaN(b));
    }
}
