package dev.leibniz.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.forward.ForwardProgram;
import dev.leibniz.forward.Jacobians;
import dev.leibniz.sparse.examples.Brusselator2D;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;

class SparseJacobianTest {

    private static final List<Graph> CASES = List.of(TestGraphs.tridiagonal(15), TestGraphs.iteratedDifference(20, 3),
            TestGraphs.denseRow(10), TestGraphs.denseColumn(10), TestGraphs.arrowhead(8), TestGraphs.blockDiagonal(4, 3),
            TestGraphs.diagonal(9), Brusselator2D.graph(5));

    /**
     * Compressed columns against ad-forward's dense Jacobian (one unit seed per column) and
     * compressed rows against ad-core's reverse mode (one unit cotangent per row): the same
     * products summed in the same order, so equal bitwise; entries outside the pattern are 0.
     */
    static void assertMatchesDense(Graph g, SparseJacobian jac, double[] x, EvalOptions options) {
        DMatrixSparseCSC sparse = jac.evaluate(options, x, jac.evaluate(x), null);
        double[][] dense;
        if (jac.direction() == Direction.COLUMNS) {
            ForwardProgram fp = ForwardProgram.prepare(g, 3, options);
            DMatrixRMaj f = Jacobians.jacobianForward(fp, fp.newWorkspace(), x, null);
            dense = new double[f.numRows][f.numCols];
            for (int i = 0; i < f.numRows; i++) {
                for (int j = 0; j < f.numCols; j++) {
                    dense[i][j] = f.get(i, j);
                }
            }
        } else {
            dense = denseReverse(g, x, options);
        }
        SparsityPattern p = jac.pattern();
        for (int i = 0; i < dense.length; i++) {
            for (int j = 0; j < dense[i].length; j++) {
                if (p.contains(i, j)) {
                    double s = sparse.get(i, j);
                    double d = dense[i][j];
                    assertTrue(TestGraphs.same(d, s), "J[" + i + "][" + j + "] dense " + d + " compressed " + s + " (" + jac + ")");
                } else {
                    assertEquals(0.0, dense[i][j], 0.0, "J[" + i + "][" + j + "] is outside the pattern but nonzero");
                }
            }
        }
    }

    static double[][] denseReverse(Graph g, double[] x, EvalOptions options) {
        dev.leibniz.core.Program prog = g.compile();
        double[] values = prog.forward(options, x);
        double[][] dense = new double[g.outputCount()][];
        for (int i = 0; i < dense.length; i++) {
            double[] ct = new double[g.outputCount()];
            ct[i] = 1;
            dense[i] = prog.backward(values, ct, options);
        }
        return dense;
    }

    @Test
    void compressedEqualsDenseInBothDirections() {
        Random rnd = new Random(41);
        for (Graph g : CASES) {
            for (Direction d : Direction.values()) {
                SparseJacobian jac = SparseJacobian.prepare(g, d);
                assertEquals(d, jac.direction());
                for (int t = 0; t < 3; t++) {
                    assertMatchesDense(g, jac, TestGraphs.randomPoint(rnd, g.inputCount()), EvalOptions.DEFAULT);
                }
            }
        }
    }

    @Test
    void prepareChoosesTheSideWithFewerSweeps() {
        SparseJacobian row = SparseJacobian.prepare(TestGraphs.denseRow(30));
        assertEquals(Direction.ROWS, row.direction());
        assertEquals(2, row.sweeps());
        assertEquals(30, row.denseSweeps());
        SparseJacobian col = SparseJacobian.prepare(TestGraphs.denseColumn(30));
        assertEquals(Direction.COLUMNS, col.direction());
        assertEquals(2, col.sweeps());
        assertEquals(1, SparseJacobian.prepare(TestGraphs.diagonal(30)).sweeps());
        SparseJacobian band = SparseJacobian.prepare(TestGraphs.iteratedDifference(40, 4));
        assertEquals(Direction.COLUMNS, band.direction()); // 5 column colors vs 5 row colors: columns on a tie
        assertEquals(5, band.colors());
    }

    @Test
    void evaluationReusesTheOutputMatrixAndReportsValues() {
        Graph g = TestGraphs.tridiagonal(10);
        SparseJacobian jac = SparseJacobian.prepare(g);
        Random rnd = new Random(43);
        double[] x1 = TestGraphs.randomPoint(rnd, 10);
        double[] x2 = TestGraphs.randomPoint(rnd, 10);
        DMatrixSparseCSC out = jac.evaluate(x1);
        double[] values = new double[10];
        assertSame(out, jac.evaluate(EvalOptions.DEFAULT, x2, out, values));
        DMatrixSparseCSC fresh = jac.evaluate(x2);
        for (int k = 0; k < fresh.nz_length; k++) {
            assertEquals(fresh.nz_values[k], out.nz_values[k], 0.0);
        }
        double[] f = g.compile().evaluate(x2);
        for (int i = 0; i < 10; i++) {
            assertEquals(f[i], values[i], 0.0);
            // closed form of the tridiagonal Jacobian: cos(x_{i-1}), −4x_i, 1
            assertEquals(-4 * x2[i], out.get(i, i), 0.0);
            if (i > 0) {
                assertEquals(Math.cos(x2[i - 1]), out.get(i, i - 1), 0.0);
            }
            if (i < 9) {
                assertEquals(1.0, out.get(i, i + 1), 0.0);
            }
        }
        // a matrix of another structure (same size) is given this one's
        DMatrixSparseCSC other = new DMatrixSparseCSC(10, 10, 2);
        other.set(3, 7, 5.0);
        jac.evaluate(x2, other);
        assertEquals(28, other.nz_length);
        assertEquals(0.0, other.get(3, 7), 0.0);
        assertEquals(out.get(4, 5), other.get(4, 5), 0.0);
    }

    @Test
    void localPatternGivesExactJacobianAtItsPoint() {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = TestGraphs.inputs(b, 6);
        Var[] f = new Var[6];
        for (int i = 0; i < 6; i++) {
            // each output is a select between two neighbourhoods: the local pattern is banded
            Var near = x[i].mul(x[(i + 1) % 6]);
            Var far = x[(i + 3) % 6].sin();
            f[i] = Var.select(x[i].gt(0.0), near, far).add(x[i].relu());
        }
        Graph g = TestGraphs.build(b, f);
        Random rnd = new Random(47);
        for (int t = 0; t < 10; t++) {
            double[] pt = TestGraphs.randomPoint(rnd, 6);
            SparsityPattern local = SparsityDetector.jacobian(g, pt);
            assertTrue(local.isSubsetOf(SparsityDetector.jacobian(g)));
            for (Direction d : Direction.values()) {
                SparseJacobian jac = SparseJacobian.prepare(g, local, GreedyColoring.best(local, d));
                assertMatchesDense(g, jac, pt, EvalOptions.DEFAULT);
            }
        }
    }

    @Test
    void kinkPolicyIsApplied() {
        Graph g = Graph.trace(v -> v[0].relu().add(v[1].abs()), "a", "b");
        EvalOptions options = EvalOptions.DEFAULT.withPolicy(new Subgradients(1.0, 0.5, 0.5));
        for (Direction d : Direction.values()) {
            SparseJacobian jac = SparseJacobian.prepare(g, d);
            DMatrixSparseCSC j = jac.evaluate(options, new double[] {0, 0}, jac.evaluate(new double[] {0, 0}), null);
            assertEquals(1.0, j.get(0, 0), 0.0);
            assertEquals(0.5, j.get(0, 1), 0.0);
            assertEquals(0.0, jac.evaluate(new double[] {0, 0}).get(0, 0), 0.0);
        }
    }

    @Test
    void badInputGetsClearExceptions() {
        Graph g = TestGraphs.tridiagonal(5);
        SparseJacobian jac = SparseJacobian.prepare(g);
        SparsityException e = assertThrows(SparsityException.class, () -> jac.evaluate(new double[4]));
        assertTrue(e.getMessage().contains("dimension 4") && e.getMessage().contains("5 columns"), e.getMessage());
        assertThrows(SparsityException.class, () -> jac.evaluate(null));
        e = assertThrows(SparsityException.class, () -> jac.evaluate(new double[5], new DMatrixSparseCSC(4, 5, 1)));
        assertTrue(e.getMessage().contains("4×5") && e.getMessage().contains("5×5"), e.getMessage());

        SparsityPattern wrongSize = SparsityPattern.of(new boolean[4][5]);
        e = assertThrows(SparsityException.class,
                () -> SparseJacobian.prepare(g, wrongSize, GreedyColoring.best(wrongSize, Direction.COLUMNS)));
        assertTrue(e.getMessage().contains("4×5") && e.getMessage().contains("5×5"), e.getMessage());

        SparsityPattern p = SparsityDetector.jacobian(g);
        e = assertThrows(SparsityException.class, () -> SparseJacobian.prepare(g, p, Coloring.of(new int[] {0, 1, 0, 1, 0}, Direction.COLUMNS)));
        assertTrue(e.getMessage().contains("invalid coloring"), e.getMessage());
        e = assertThrows(SparsityException.class, () -> SparseJacobian.prepare(g, p, Coloring.of(new int[] {0, 1, 2}, Direction.COLUMNS)));
        assertTrue(e.getMessage().contains("3 column colors") && e.getMessage().contains("5 columns"), e.getMessage());
        assertThrows(SparsityException.class, () -> SparseJacobian.prepare(g, p, StarColoring.best(p.union(p.transpose()))));
        // a valid hand-made coloring is accepted and gives the right numbers
        SparseJacobian manual = SparseJacobian.prepare(g, p, Coloring.of(new int[] {0, 1, 2, 0, 1}, Direction.COLUMNS));
        assertMatchesDense(g, manual, new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, EvalOptions.DEFAULT);
    }

    @Test
    void degenerateGraphs() {
        // an output that is an input, a constant output, and two outputs on one node
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = TestGraphs.inputs(b, 3);
        Var shared = x[1].mul(x[2]);
        Graph g = TestGraphs.build(b, new Var[] {x[0], b.constant(2.0), shared, shared});
        SparsityPattern p = SparsityDetector.jacobian(g);
        assertEquals(SparsityPattern.fromRows(3, new int[] {0}, new int[] {}, new int[] {1, 2}, new int[] {1, 2}), p);
        for (Direction d : Direction.values()) {
            SparseJacobian jac = SparseJacobian.prepare(g, d);
            DMatrixSparseCSC j = jac.evaluate(new double[] {5, 7, 11});
            assertEquals(1.0, j.get(0, 0), 0.0);
            assertEquals(11.0, j.get(2, 1), 0.0);
            assertEquals(7.0, j.get(3, 2), 0.0);
            assertEquals(5, j.nz_length);
        }
        // no inputs at all: a 1×0 Jacobian with no colors
        assertEquals(0, SparsityDetector.jacobian(SparseJacobianTest.constantGraph()).cols());
        SparseJacobian none = SparseJacobian.prepare(SparseJacobianTest.constantGraph());
        assertEquals(0, none.sweeps());
        assertEquals(0, none.evaluate(new double[0]).nz_length);
    }

    static Graph constantGraph() {
        GraphBuilder b = GraphBuilder.tracing();
        return b.build("c", b.constant(1.0));
    }
}
