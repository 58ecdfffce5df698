package dev.leibniz.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.Var;
import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class SparsityDetectorTest {

    private static boolean[][] matrix(int rows, int cols, BiPredicate<Integer, Integer> entry) {
        boolean[][] m = new boolean[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = entry.test(i, j);
            }
        }
        return m;
    }

    @Test
    void structuredJacobiansHaveTheirClosedFormPatterns() {
        int n = 9;
        assertArrayEquals(matrix(n, n, (i, j) -> Math.abs(i - j) <= 1),
                SparsityDetector.jacobian(TestGraphs.tridiagonal(n)).toBooleanMatrix());
        for (int k = 1; k <= 4; k++) {
            int kk = k;
            assertArrayEquals(matrix(n - k, n, (i, j) -> j >= i && j <= i + kk),
                    SparsityDetector.jacobian(TestGraphs.iteratedDifference(n, k)).toBooleanMatrix(), "k = " + k);
        }
        assertArrayEquals(matrix(n, n, (i, j) -> i == 0 || i.equals(j)),
                SparsityDetector.jacobian(TestGraphs.denseRow(n)).toBooleanMatrix());
        assertArrayEquals(matrix(n, n, (i, j) -> j == 0 || i.equals(j)),
                SparsityDetector.jacobian(TestGraphs.denseColumn(n)).toBooleanMatrix());
        assertArrayEquals(matrix(n, n, (i, j) -> i == 0 || j == 0 || i.equals(j)),
                SparsityDetector.jacobian(TestGraphs.arrowhead(n)).toBooleanMatrix());
        assertArrayEquals(matrix(12, 12, (i, j) -> i / 4 == j / 4),
                SparsityDetector.jacobian(TestGraphs.blockDiagonal(3, 4)).toBooleanMatrix());
        assertArrayEquals(matrix(n, n, Integer::equals),
                SparsityDetector.jacobian(TestGraphs.diagonal(n)).toBooleanMatrix());
    }

    @Test
    void localPatternFollowsTheSelectBranchTaken() {
        // f = x1·x2: global [1 1]; at (0, 1) the local pattern is still [1 1] (structural, not numerical)
        Graph product = Graph.trace(v -> v[0].mul(v[1]), "x1", "x2");
        assertArrayEquals(new boolean[][] {{true, true}}, SparsityDetector.jacobian(product).toBooleanMatrix());
        assertArrayEquals(new boolean[][] {{true, true}},
                SparsityDetector.jacobian(product, new double[] {0, 1}).toBooleanMatrix());

        // g = select(x1 > 0, x1·x2, x2): at (0, 1) the else-branch x2 is taken
        Graph g = Graph.trace(v -> Var.select(v[0].gt(0.0), v[0].mul(v[1]), v[1]), "x1", "x2");
        SparsityPattern global = SparsityDetector.jacobian(g);
        SparsityPattern local = SparsityDetector.jacobian(g, new double[] {0, 1});
        assertArrayEquals(new boolean[][] {{true, true}}, global.toBooleanMatrix());
        assertArrayEquals(new boolean[][] {{false, true}}, local.toBooleanMatrix());
        assertTrue(local.isSubsetOf(global));
        assertArrayEquals(new boolean[][] {{true, true}},
                SparsityDetector.jacobian(g, new double[] {0.5, 1}).toBooleanMatrix());

        // a select never depends on its condition
        Graph h = Graph.trace(v -> Var.select(v[0].gt(0.0), v[1], v[1].mul(3.0)), "x1", "x2");
        assertArrayEquals(new boolean[][] {{false, true}}, SparsityDetector.jacobian(h).toBooleanMatrix());
    }

    @Test
    void localPatternOfKinks() {
        Graph relu = Graph.trace(v -> v[0].relu().add(v[1]), "a", "b");
        assertArrayEquals(new boolean[][] {{false, true}}, SparsityDetector.jacobian(relu, new double[] {-1, 0}).toBooleanMatrix());
        // at the kink the dependence is kept: relu'(0) may be anything in [0, 1]
        assertArrayEquals(new boolean[][] {{true, true}}, SparsityDetector.jacobian(relu, new double[] {0, 0}).toBooleanMatrix());
        assertArrayEquals(new boolean[][] {{true, true}}, SparsityDetector.jacobian(relu, new double[] {2, 0}).toBooleanMatrix());

        Graph max = Graph.trace(v -> v[0].max(v[1]), "a", "b");
        assertArrayEquals(new boolean[][] {{true, false}}, SparsityDetector.jacobian(max, new double[] {2, 1}).toBooleanMatrix());
        assertArrayEquals(new boolean[][] {{false, true}}, SparsityDetector.jacobian(max, new double[] {1, 2}).toBooleanMatrix());
        assertArrayEquals(new boolean[][] {{true, true}}, SparsityDetector.jacobian(max, new double[] {1, 1}).toBooleanMatrix());

        Graph min = Graph.trace(v -> v[0].min(v[1]), "a", "b");
        assertArrayEquals(new boolean[][] {{false, true}}, SparsityDetector.jacobian(min, new double[] {2, 1}).toBooleanMatrix());

        // abs keeps its argument everywhere; step-like functions never depend
        Graph abs = Graph.trace(v -> v[0].abs().add(v[1].step()), "a", "b");
        assertArrayEquals(new boolean[][] {{true, false}}, SparsityDetector.jacobian(abs).toBooleanMatrix());
        assertArrayEquals(new boolean[][] {{true, false}}, SparsityDetector.jacobian(abs, new double[] {-3, 1}).toBooleanMatrix());
    }

    @Test
    void localPatternContainsTheNumericallyObservedNonzeros() {
        // relu network-like function: the observed Jacobian at random points lies in the local pattern
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = TestGraphs.inputs(b, 4);
        Var h0 = x[0].sub(x[1]).relu();
        Var h1 = x[2].max(x[3]);
        Var h2 = Var.select(x[1].lt(x[2]), x[0].mul(x[3]), x[2].sin());
        Graph g = TestGraphs.build(b, new Var[] {h0.add(h1), h1.mul(h2), h2});
        SparsityPattern global = SparsityDetector.jacobian(g);
        Random rnd = new Random(3);
        for (int t = 0; t < 50; t++) {
            double[] pt = TestGraphs.randomPoint(rnd, 4);
            SparsityPattern local = SparsityDetector.jacobian(g, pt);
            SparsityPattern observed = SparsityPattern.nonzerosOf(TestGraphs.denseReverse(g, pt));
            assertTrue(local.isSubsetOf(global));
            assertTrue(observed.isSubsetOf(local), () -> "observed " + observed + "\nlocal " + local);
        }
    }

    @Test
    void hessianPatternsOfSmallFunctions() {
        // f = x0·x1 + sin x2 + x3 + 5·x4: only (0,1), (1,0), (2,2)
        Graph f = Graph.trace(v -> v[0].mul(v[1]).add(v[2].sin()).add(v[3]).add(v[4].mul(5.0)), "x0", "x1", "x2", "x3", "x4");
        assertArrayEquals(matrix(5, 5, (i, j) -> (i + j == 1 && i != j) || (i == 2 && j == 2)),
                SparsityDetector.hessian(f).toBooleanMatrix());
        // f = x0 / x1: ∂²/∂x0² = 0, the others not
        Graph q = Graph.trace(v -> v[0].div(v[1]), "x0", "x1");
        assertArrayEquals(new boolean[][] {{false, true}, {true, true}}, SparsityDetector.hessian(q).toBooleanMatrix());
        // piecewise linear: no curvature anywhere
        Graph pl = Graph.trace(v -> v[0].relu().add(v[1].abs()).add(v[0].max(v[1])), "x0", "x1");
        assertEquals(0, SparsityDetector.hessian(pl).nnz());
        // exp(x0 + x1) couples both; x2·x2 is a square
        Graph e = Graph.trace(v -> v[0].add(v[1]).exp().add(v[2].mul(v[2])), "x0", "x1", "x2");
        assertArrayEquals(matrix(3, 3, (i, j) -> (i < 2 && j < 2) || (i == 2 && j == 2)),
                SparsityDetector.hessian(e).toBooleanMatrix());
    }

    @Test
    void localHessianFollowsTheBranch() {
        Graph f = Graph.trace(v -> Var.select(v[0].gt(0.0), v[1].square(), v[2].mul(v[3])), "x0", "x1", "x2", "x3");
        assertArrayEquals(matrix(4, 4, (i, j) -> (i == 1 && j == 1) || (i + j == 5 && i >= 2 && j >= 2)),
                SparsityDetector.hessian(f).toBooleanMatrix());
        assertArrayEquals(matrix(4, 4, (i, j) -> i + j == 5 && i >= 2 && j >= 2),
                SparsityDetector.hessian(f, new double[] {-1, 1, 1, 1}).toBooleanMatrix());
    }

    @Test
    void hessianPatternContainsObservedSecondDerivativesAndIsTightForSmoothFunctions() {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = TestGraphs.inputs(b, 6);
        Var y = x[0].mul(x[1]).sin().add(x[2].exp().mul(x[3])).add(x[4].div(x[5].square().add(1.0))).add(x[5]);
        Graph f = TestGraphs.build(b, new Var[] {y});
        SparsityPattern pattern = SparsityDetector.hessian(f);
        assertTrue(pattern.isSymmetric());
        Random rnd = new Random(5);
        SparsityPattern seen = SparsityPattern.of(new boolean[6][6]);
        for (int t = 0; t < 10; t++) {
            double[][] h = ReverseMode.hessian(f, TestGraphs.randomPoint(rnd, 6));
            SparsityPattern observed = SparsityPattern.nonzerosOf(h);
            assertTrue(observed.isSubsetOf(pattern), () -> "observed " + observed + "\npattern " + pattern);
            seen = seen.union(observed);
        }
        // at random points every structurally possible second derivative of this smooth f shows up
        assertEquals(pattern, seen);
    }

    @Test
    void hessianOfOneOutputOrOfAll() {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = TestGraphs.inputs(b, 2);
        Graph g = TestGraphs.build(b, new Var[] {x[0].sin(), x[0].mul(x[1])});
        assertArrayEquals(new boolean[][] {{true, false}, {false, false}}, SparsityDetector.hessian(g, 0).toBooleanMatrix());
        assertArrayEquals(new boolean[][] {{false, true}, {true, false}}, SparsityDetector.hessian(g, 1).toBooleanMatrix());
        assertArrayEquals(new boolean[][] {{true, true}, {true, false}}, SparsityDetector.hessian(g).toBooleanMatrix());
        SparsityException e = assertThrows(SparsityException.class, () -> SparsityDetector.hessian(g, 2));
        assertTrue(e.getMessage().contains("output index 2 is out of range"), e.getMessage());
    }

    @Test
    void pointOfWrongDimensionIsRejected() {
        Graph g = TestGraphs.tridiagonal(4);
        SparsityException e = assertThrows(SparsityException.class, () -> SparsityDetector.jacobian(g, new double[3]));
        assertTrue(e.getMessage().contains("dimension 3") && e.getMessage().contains("4 inputs"), e.getMessage());
        assertThrows(SparsityException.class, () -> SparsityDetector.jacobian(g, null));
        assertThrows(SparsityException.class, () -> SparsityDetector.hessian(g, new double[5]));
        assertThrows(SparsityException.class, () -> SparsityDetector.jacobian(null));
    }
}
