package dev.leibniz.sparse;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Shape;
import dev.leibniz.core.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The compressed evaluators sweep one double per node and lane, so they refuse a graph with
 * matrix nodes up front with a {@link ShapeException} naming the transform, the node and its
 * shape (issue 13, defect 3). Sparsity detection itself supports matrix graphs
 * (SparsityDetectorMatrixTest).
 */
class MatrixGraphRefusalTest {

    /** f(X) = rows of X·Xᵀ summed, for a 2×3 input X: node %0 is the 2×3 input. */
    private static final Graph MATRIX = Graph.trace(v -> v[0].matmul(v[0].transpose()).sumTo(new Shape(2, 1)),
            new String[] {"X"}, new Shape[] {new Shape(2, 3)});

    private static void refused(String transform, Executable call) {
        ShapeException e = assertThrows(ShapeException.class, call);
        String m = e.getMessage();
        assertTrue(m.contains(transform) && m.contains("%0") && m.contains("2x3"), m);
    }

    @Test
    void linearizationRefusesMatrixGraphsNamingTheNode() {
        refused("Linearization", () -> new Linearization(MATRIX, new int[] {MATRIX.outputNode(0)}));
    }

    @Test
    void compressedJacobiansAndHessiansRefuseMatrixGraphs() {
        refused("SparseJacobian", () -> SparseJacobian.prepare(MATRIX));
        refused("SparseJacobian", () -> SparseJacobian.prepare(MATRIX, Direction.ROWS));
        Graph scalarOut = Graph.trace(v -> v[0].matmul(v[0].transpose()).sumTo(Shape.SCALAR),
                new String[] {"X"}, new Shape[] {new Shape(2, 3)});
        refused("SparseHessian", () -> SparseHessian.prepare(scalarOut));
        // with a pattern and coloring of the right (element) sizes, still refused before any sweep
        SparsityPattern p = SparsityDetector.jacobian(MATRIX);
        refused("SparseJacobian", () -> SparseJacobian.prepare(MATRIX, p, GreedyColoring.best(p, Direction.COLUMNS)));
        SparsityPattern h = SparsityDetector.hessian(scalarOut);
        refused("SparseHessian", () -> SparseHessian.prepare(scalarOut, 0, h, StarColoring.best(h)));
    }
}
