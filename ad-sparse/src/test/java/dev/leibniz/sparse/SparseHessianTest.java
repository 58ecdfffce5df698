package dev.leibniz.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.Var;
import java.util.Random;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;

class SparseHessianTest {

    /** Extended Rosenbrock f = Σ 100(x_{i+1} − x_i²)² + (1 − x_i)²: a tridiagonal Hessian. */
    static Graph rosenbrock(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = TestGraphs.inputs(b, n);
        Var f = b.constant(0.0);
        for (int i = 0; i < n - 1; i++) {
            f = f.add(x[i + 1].sub(x[i].square()).square().mul(100.0)).add(b.constant(1.0).sub(x[i]).square());
        }
        return TestGraphs.build(b, new Var[] {f});
    }

    @Test
    void rosenbrockHessianEqualsTheClosedForm() {
        int n = 30;
        SparseHessian hess = SparseHessian.prepare(rosenbrock(n));
        assertEquals(3 * n - 2, hess.pattern().nnz());
        assertEquals(3, hess.colors()); // a path needs three star colors
        Random rnd = new Random(53);
        DMatrixSparseCSC h = null;
        for (int t = 0; t < 5; t++) {
            double[] x = TestGraphs.randomPoint(rnd, n);
            h = h == null ? hess.evaluate(x) : hess.evaluate(x, h);
            for (int i = 0; i < n; i++) {
                double diag = (i < n - 1 ? 1200 * x[i] * x[i] - 400 * x[i + 1] + 2 : 0) + (i > 0 ? 200 : 0);
                double scale = 1200 * x[i] * x[i] + 400 * (i < n - 1 ? Math.abs(x[i + 1]) : 0) + 202;
                // each term passes through ≤ ~10 roundings in the gradient graph and its tangent: 32 ulps of the scale
                assertEquals(diag, h.get(i, i), 32 * Math.ulp(scale), "H[" + i + "][" + i + "]");
                if (i < n - 1) {
                    assertEquals(-400 * x[i], h.get(i, i + 1), 32 * Math.ulp(400 * Math.abs(x[i])));
                    assertEquals(h.get(i, i + 1), h.get(i + 1, i), 0.0); // exactly symmetric
                }
            }
        }
    }

    @Test
    void arrowheadHessianWithTwoColorsMatchesReverseOverReverse() {
        int n = 15;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = TestGraphs.inputs(b, n);
        Var f = x[0].exp();
        for (int i = 1; i < n; i++) {
            f = f.add(x[0].mul(x[i]).sin()).add(x[i].pow(3).mul(1.0 / i));
        }
        Graph g = TestGraphs.build(b, new Var[] {f});
        SparseHessian hess = SparseHessian.prepare(g);
        assertEquals(2, hess.sweeps());
        Random rnd = new Random(59);
        for (int t = 0; t < 3; t++) {
            double[] pt = TestGraphs.randomPoint(rnd, n);
            assertMatchesReverseOverReverse(g, hess.evaluate(pt), pt);
        }
    }

    /**
     * Against ad-core's reverse-over-reverse Hessian: the same second derivatives accumulated in
     * another order (rows by reverse sweeps vs colored forward lanes), so they agree to rounding:
     * 1e-13 relative to the largest entry (entries are sums of a few O(1)–O(10) products).
     */
    static void assertMatchesReverseOverReverse(Graph g, DMatrixSparseCSC h, double[] x) {
        double[][] dense = ReverseMode.hessian(g, x);
        double max = 1;
        for (double[] row : dense) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        for (int i = 0; i < dense.length; i++) {
            for (int j = 0; j < dense.length; j++) {
                assertEquals(dense[i][j], h.get(i, j), 1e-13 * max, "H[" + i + "][" + j + "]");
                assertEquals(h.get(i, j), h.get(j, i), 0.0);
            }
        }
    }

    @Test
    void givenColoringsAreCheckedForDirectRecovery() {
        Graph g = rosenbrock(4); // Hessian pattern: the path 0-1-2-3 with its diagonal
        SparsityPattern p = SparsityDetector.hessian(g);
        SparsityException e = assertThrows(SparsityException.class,
                () -> SparseHessian.prepare(g, 0, p, Coloring.of(new int[] {0, 0, 1, 2}, Direction.COLUMNS)));
        assertEquals("not a star coloring: neighbours 0 and 1 have the same color 0", e.getMessage());
        // a proper two-coloring of a path is not a star coloring: the middle entry cannot be recovered
        e = assertThrows(SparsityException.class,
                () -> SparseHessian.prepare(g, 0, p, Coloring.of(new int[] {0, 1, 0, 1}, Direction.COLUMNS)));
        assertEquals("not a star coloring: entry (1, 2) cannot be recovered, as both 1 and 2 have another neighbour of the"
                + " other's color", e.getMessage());
        e = assertThrows(SparsityException.class,
                () -> SparseHessian.prepare(g, 0, p, Coloring.of(new int[] {0, 1, 2}, Direction.COLUMNS)));
        assertTrue(e.getMessage().contains("colors 3 variables"), e.getMessage());
        assertThrows(SparsityException.class, () -> SparseHessian.prepare(g, 0, SparsityDetector.jacobian(TestGraphs.denseRow(4)),
                StarColoring.best(p)));
        // a valid one works
        SparseHessian ok = SparseHessian.prepare(g, 0, p, Coloring.of(new int[] {0, 1, 2, 0}, Direction.COLUMNS));
        assertMatchesReverseOverReverse(g, ok.evaluate(new double[] {0.3, -0.2, 0.9, 1.1}), new double[] {0.3, -0.2, 0.9, 1.1});
        SparseHessian hess = SparseHessian.prepare(g);
        e = assertThrows(SparsityException.class, () -> hess.evaluate(new double[3]));
        assertTrue(e.getMessage().contains("dimension 3") && e.getMessage().contains("4×4"), e.getMessage());
    }
}
